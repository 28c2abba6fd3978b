import { useSettingsStore } from '../../stores/settingsStore.ts';
import { SETTINGS_TAB_LABELS, SETTINGS_TABS, useUiStore, type SettingsTab } from '../../stores/uiStore.ts';
import { TabList } from '../common/TabList.tsx';
import { BackupsPage } from './BackupsPage.tsx';
import { StaffPage } from '../staff/StaffPage.tsx';
import { AuditPage } from '../audit/AuditPage.tsx';
import { CapsSection } from './CapsSection.tsx';
import { ContactTypesSection } from './ContactTypesSection.tsx';
import { DeskSection } from './DeskSection.tsx';
import { DeviceSection } from './DeviceSection.tsx';
import { IdentifiersSection } from './IdentifiersSection.tsx';
import { IdentifiersPage } from './identifiers/IdentifiersPage.tsx';
import { NetworkPage } from './network/NetworkPage.tsx';
import { PracticeSection } from './PracticeSection.tsx';
import { SetupSection } from '../setup/SetupSection.tsx';

/**
 * The practice's settings and this PC's, and the practice network, each on a
 * tab (common/TabList.tsx). A tab with changes not saved yet asks before the
 * other is shown, as leaving the screen does.
 */
export function SettingsScreen() {
  const tab = useUiStore((state) => state.settingsTab);
  const openSettings = useUiStore((state) => state.openSettings);
  return (
    <div className="settings-screen">
      <TabList
        tabs={SETTINGS_TABS}
        labels={SETTINGS_TAB_LABELS}
        current={tab}
        onOpen={openSettings}
        label="Settings"
        idPrefix="settings-tab-"
        panelId="settings-panel"
        className="report-tabs"
      />
      <div id="settings-panel" role="tabpanel" aria-labelledby={`settings-tab-${tab}`} className="settings-panel">
        <TabPanel tab={tab} />
      </div>
    </div>
  );
}

function TabPanel({ tab }: { tab: SettingsTab }) {
  switch (tab) {
    case 'practice':
      return <PracticeSettings />;
    case 'network':
      return <NetworkPage />;
    case 'backups':
      return <BackupsPage />;
    case 'identifiers':
      return <IdentifiersPage />;
    case 'staff':
      return <StaffPage />;
    case 'audit':
      return <AuditPage />;
  }
}

/**
 * Section by section. Each section saves on its own, sending only its changed
 * fields, so one person's change never undoes another's.
 */
function PracticeSettings() {
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
