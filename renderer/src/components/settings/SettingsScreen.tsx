import { useSettingsStore } from '../../stores/settingsStore.ts';
import { CapsSection } from './CapsSection.tsx';
import { ContactTypesSection } from './ContactTypesSection.tsx';
import { DeskSection } from './DeskSection.tsx';
import { DeviceSection } from './DeviceSection.tsx';
import { IdentifiersSection } from './IdentifiersSection.tsx';
import { PracticeSection } from './PracticeSection.tsx';
import { SetupSection } from '../setup/SetupSection.tsx';

/**
 * The practice's settings, section by section. Each section saves on its own,
 * sending only its changed fields, so one person's change never undoes another's.
 */
export function SettingsScreen() {
  const settings = useSettingsStore((state) => state.settings);
  const device = useSettingsStore((state) => state.device);

  if (!settings) return <p className="muted">Loading the practice’s settings…</p>;

  return (
    <div className="settings">
      <div className="settings-column">
        <SetupSection state={settings.setup} />
        <PracticeSection settings={settings} />
        <CapsSection settings={settings} />
        <DeskSection settings={settings} />
      </div>
      <div className="settings-column">
        <ContactTypesSection settings={settings} />
        <IdentifiersSection settings={settings} />
        {device && <DeviceSection device={device} />}
      </div>
    </div>
  );
}
