import { useState, type SyntheticEvent } from 'react';
import type { DeviceSettings } from '../../../../shared/domain.ts';
import { useSettingsStore } from '../../stores/settingsStore.ts';
import { invalidIf } from '../common/fields.tsx';
import { SaveFooter, useSectionSave } from './sectionSave.tsx';

interface Draft {
  deviceName?: string;
  staffName?: string;
}

const ERROR_ID = 'device-error';

/** This PC's own settings: its name, and who is at the desk. Every record made here carries both. */
export function DeviceSection({ device }: { device: DeviceSettings }) {
  const updateDevice = useSettingsStore((state) => state.updateDevice);
  const [draft, setDraft] = useState<Draft>({});
  const { error, saving, save } = useSectionSave(updateDevice);
  const deviceName = draft.deviceName ?? device.deviceName;
  const staffName = draft.staffName ?? device.staffName;
  const dirty = deviceName !== device.deviceName || staffName !== device.staffName;

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    const saved = await save({
      ...(deviceName === device.deviceName ? {} : { deviceName }),
      ...(staffName === device.staffName ? {} : { staffName }),
    });
    if (saved) setDraft({});
  }

  return (
    <section className="panel settings-section" aria-labelledby="device-heading">
      <h2 id="device-heading">This PC</h2>
      <form onSubmit={(event) => void submit(event)}>
        <p className="muted">Kept on this PC only. Every contact recorded here says which PC and who was at the desk.</p>
        <div className="settings-pair">
          <label className="field">
            PC name
            <input value={deviceName} onChange={(event) => setDraft({ ...draft, deviceName: event.target.value })} {...invalidIf(error, 'deviceName', ERROR_ID)} />
          </label>
          <label className="field">
            Who is at the desk
            <input value={staffName} onChange={(event) => setDraft({ ...draft, staffName: event.target.value })} {...invalidIf(error, 'staffName', ERROR_ID)} />
          </label>
        </div>
        <SaveFooter error={error} errorId={ERROR_ID} dirty={dirty} busy={saving} label="Save this PC" />
      </form>
    </section>
  );
}
