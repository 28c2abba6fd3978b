import { useState, type SyntheticEvent } from 'react';
import type { DeviceSettings } from '../../../shared/domain.ts';
import { errorOf, type FormError } from '../stores/result.ts';
import { useSettingsStore } from '../stores/settingsStore.ts';
import { ErrorMessage, invalidIf } from './common/fields.tsx';
import { Modal } from './common/Modal.tsx';

/** Who is at this desk, and what this PC is called: every record carries both. */
export function StaffDialog({ device, required, onClose }: { device: DeviceSettings; required: boolean; onClose: () => void }) {
  const updateDevice = useSettingsStore((state) => state.updateDevice);
  const [staffName, setStaffName] = useState(device.staffName);
  const [deviceName, setDeviceName] = useState(device.deviceName);
  const [error, setError] = useState<FormError | null>(null);

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    const result = await updateDevice({ staffName, deviceName });
    if (!result.ok) {
      setError(errorOf(result));
      return;
    }
    onClose();
  }

  return (
    <Modal title="Who is at this desk?" onClose={required ? () => undefined : onClose}>
      <form onSubmit={(event) => void submit(event)}>
        <p className="dialog-lead">Each contact you record says who recorded it and on which PC.</p>
        <label className="field">
          Your name or initials
          <input data-autofocus value={staffName} onChange={(event) => setStaffName(event.target.value)} {...invalidIf(error, 'staffName', 'staff-error')} />
        </label>
        <label className="field">
          This PC
          <input value={deviceName} onChange={(event) => setDeviceName(event.target.value)} {...invalidIf(error, 'deviceName', 'staff-error')} />
        </label>
        <ErrorMessage error={error} id="staff-error" />
        <div className="actions">
          {!required && (
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          )}
          <button type="submit" className="primary">
            Save
          </button>
        </div>
      </form>
    </Modal>
  );
}
