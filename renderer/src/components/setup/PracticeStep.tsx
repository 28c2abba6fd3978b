import { useState, type SyntheticEvent } from 'react';
import type { DeviceSettings } from '../../../../shared/domain.ts';
import type { PracticeSettings } from '../../../../shared/settings.ts';
import { useSetupStore } from '../../stores/setupStore.ts';
import { errorOf, type FormError } from '../../stores/result.ts';
import { useSettingsStore } from '../../stores/settingsStore.ts';
import { useSessionStore } from '../../stores/sessionStore.ts';
import { parseWhole, useOneAtATime, type SettingsPatch } from '../settings/sectionSave.tsx';
import { describedInput, FieldError, fieldIds, footerError, useFocusOnError } from './fieldErrors.tsx';
import { StepFooter } from './StepFooter.tsx';
import { useSaveOnLeave } from './stepSave.ts';

const PREFIX = 'setup';
const ERROR_ID = 'setup-practice-error';
const FIELDS = ['staffName', 'pin', 'pinAgain', 'practiceName', 'listSize'] as const;

/** Step 1: who is at this desk (on a PC that does not know yet), the practice's name and its list size. */
export function PracticeStep() {
  const settings = useSettingsStore((state) => state.settings);
  const device = useSettingsStore((state) => state.device);
  // Whether the practice has staff yet decides whether this step names its administrator.
  const session = useSessionStore((state) => state.session);
  if (!settings || !device || !session) return <p className="muted">Loading the practice’s details…</p>;
  return <PracticeForm settings={settings} device={device} />;
}

function PracticeForm({ settings, device }: { settings: PracticeSettings; device: DeviceSettings }) {
  const updateSettings = useSettingsStore((state) => state.updateSettings);
  const updateDevice = useSettingsStore((state) => state.updateDevice);
  const continueTo = useSetupStore((state) => state.continueTo);
  // A practice with no staff yet: the person doing the setup becomes its first administrator, with a PIN.
  const staffNamed = useSessionStore((state) => state.session?.staffNamed === true);
  const [askStaff] = useState(!staffNamed);
  const [staffName, setStaffName] = useState(device.staffName);
  const [pin, setPin] = useState('');
  const [pinAgain, setPinAgain] = useState('');
  const [practiceName, setPracticeName] = useState(settings.practiceName);
  const [listSize, setListSize] = useState(settings.listSize === null ? '' : String(settings.listSize));
  const [error, setError] = useState<FormError | null>(null);
  const { busy, run } = useOneAtATime();
  useFocusOnError(error, PREFIX, FIELDS);

  /**
   * Saves the step. Going on (strict), the name at the desk and the practice's
   * name are needed: an empty one is refused and nothing is saved. Leaving by
   * Back, Skip or another step (lenient), whatever has been typed is kept and
   * empty fields are left as they are.
   */
  async function persist(strict: boolean): Promise<boolean> {
    if (strict && askStaff && staffName.trim() === '') {
      setError({ message: 'Enter your name: you become the practice’s administrator, and every contact you record says who recorded it.', field: 'staffName' });
      return false;
    }

    const size = parseWhole(listSize);
    if (size !== null && Number.isNaN(size)) {
      setError({ message: 'Enter the list size as a whole number, for example 9500, or leave it blank.', field: 'listSize' });
      return false;
    }
    const patch: SettingsPatch = {};
    const nameTyped = practiceName.trim() !== '';
    // Going on with an empty name sends it, so the core refuses it with its own message and nothing is saved.
    if ((strict && !nameTyped) || (nameTyped && practiceName !== settings.practiceName)) patch.practiceName = practiceName;
    if (size !== settings.listSize) patch.listSize = size;
    const saved = await run(async () => {
      if (Object.keys(patch).length > 0) {
        const result = await updateSettings(patch);
        if (!result.ok) return errorOf(result);
      }
      // The administrator is named once, going on: leaving the step early keeps only the name typed.
      if (askStaff && strict && !useSessionStore.getState().session?.staffNamed) {
        // After the practice's own details, so a missing practice name is said first.
        if (pin === '') return { message: 'Choose a PIN of 4 to 8 digits: you sign in with it at any PC of the practice.', field: 'pin' };
        if (pin !== pinAgain) return { message: 'The two PINs are not the same. Type the PIN again in the second box.', field: 'pinAgain' };
        const result = await addFirstAdministrator(staffName, pin);
        if (!result.ok) return errorOf(result);
      } else if (askStaff && staffName.trim() !== '' && staffName !== device.staffName) {
        const result = await updateDevice({ staffName });
        if (!result.ok) return errorOf(result);
      }
      return null;
    });
    if (saved === undefined) return false;
    setError(saved);
    return saved === null;
  }

  useSaveOnLeave(() => persist(false));

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (await persist(true)) continueTo('clinicians');
  }

  const ownError = footerError(error, FIELDS);
  return (
    <form noValidate className="setup-form" onSubmit={(event) => void submit(event)}>
      <div className="setup-body">
        <p className="setup-lead">
          Welcome to ContactCap. Three short steps get the board ready: your practice, its clinicians and their usual week, and the local services. Nothing here is final —
          all of it can be changed later — and you can skip the setup and come back to it from Settings.
        </p>
        {askStaff && (
          <>
            <div className="field">
              <label htmlFor={fieldIds(PREFIX, 'staffName').input}>Your name or initials</label>
              <input autoFocus autoComplete="off" value={staffName} onChange={(event) => setStaffName(event.target.value)} {...describedInput(error, PREFIX, 'staffName')} />
              <span id={fieldIds(PREFIX, 'staffName').note} className="field-note">
                You become the practice’s administrator: you add the other staff, each with their own PIN, in Settings → Staff.
              </span>
              <FieldError error={error} prefix={PREFIX} field="staffName" />
            </div>
            <div className="field-pair">
              <div className="field narrow">
                <label htmlFor={fieldIds(PREFIX, 'pin').input}>Your PIN</label>
                <input type="password" inputMode="numeric" autoComplete="new-password" maxLength={8} value={pin} onChange={(event) => setPin(event.target.value)} {...describedInput(error, PREFIX, 'pin')} />
                <span id={fieldIds(PREFIX, 'pin').note} className="field-note">
                  4 to 8 digits, not a run like 1234.
                </span>
                <FieldError error={error} prefix={PREFIX} field="pin" />
              </div>
              <div className="field narrow">
                <label htmlFor={fieldIds(PREFIX, 'pinAgain').input}>PIN again</label>
                <input type="password" inputMode="numeric" autoComplete="new-password" maxLength={8} value={pinAgain} onChange={(event) => setPinAgain(event.target.value)} {...describedInput(error, PREFIX, 'pinAgain')} />
                <span id={fieldIds(PREFIX, 'pinAgain').note} className="field-note">
                  The same again, to be sure.
                </span>
                <FieldError error={error} prefix={PREFIX} field="pinAgain" />
              </div>
            </div>
          </>
        )}
        <div className="field">
          <label htmlFor={fieldIds(PREFIX, 'practiceName').input}>Practice name</label>
          <input
            autoFocus={!askStaff}
            autoComplete="organization"
            value={practiceName}
            onChange={(event) => setPracticeName(event.target.value)}
            {...describedInput(error, PREFIX, 'practiceName')}
          />
          <span id={fieldIds(PREFIX, 'practiceName').note} className="field-note">
            As patients know it, for example Riverside Surgery. It goes on slips, the patient notice and the GPAS return.
          </span>
          <FieldError error={error} prefix={PREFIX} field="practiceName" />
        </div>
        <div className="field narrow">
          <label htmlFor={fieldIds(PREFIX, 'listSize').input}>List size (optional)</label>
          <input inputMode="numeric" autoComplete="off" value={listSize} onChange={(event) => setListSize(event.target.value)} {...describedInput(error, PREFIX, 'listSize')} />
          <span id={fieldIds(PREFIX, 'listSize').note} className="field-note">
            Registered patients, for the LMC’s weekly GPAS return. Leave it blank if you would rather not say.
          </span>
          <FieldError error={error} prefix={PREFIX} field="listSize" />
        </div>
      </div>
      <StepFooter step="practice" error={ownError} errorId={ERROR_ID} busy={busy} />
    </form>
  );
}

/** Names the practice's first member of staff as its administrator; they are then the one signed in at this desk. */
async function addFirstAdministrator(name: string, pin: string) {
  const result = await useSessionStore.getState().addStaff({ name, role: 'admin', pin });
  // The core's field for the name is "name"; this form's is "staffName".
  if (!result.ok && result.error.field === 'name') return { ok: false as const, error: { ...result.error, field: 'staffName' } };
  return result;
}

