import { useState, type SyntheticEvent } from 'react';
import { plural } from '../../format.ts';
import { useAnnounce } from '../common/announce.ts';
import { useRosterStore } from '../../stores/rosterStore.ts';
import { useSetupStore } from '../../stores/setupStore.ts';
import type { FormError } from '../../stores/result.ts';
import { useOneAtATime } from '../settings/sectionSave.tsx';
import { AddClinicianForm } from './AddClinicianForm.tsx';
import { CsvImport } from './CsvImport.tsx';
import { SetupClinicianList } from './SetupClinicianList.tsx';
import { StepFooter } from './StepFooter.tsx';
import { useSaveOnLeave } from './stepSave.ts';
import { useWeekDrafts } from './weekDrafts.ts';

const ERROR_ID = 'setup-clinicians-error';

/** Step 2: the clinicians, typed one by one or imported from a CSV file, and the sessions each usually works. */
export function CliniciansStep() {
  const clinicians = useRosterStore((state) => state.clinicians);
  const continueTo = useSetupStore((state) => state.continueTo);
  const announce = useAnnounce();
  const onBoard = clinicians.filter((clinician) => clinician.active);
  const week = useWeekDrafts();
  const [typedName, setTypedName] = useState('');
  const [importWaiting, setImportWaiting] = useState(false);
  const [error, setError] = useState<FormError | null>(null);
  const { busy, run } = useOneAtATime();

  async function saveWeek(): Promise<boolean> {
    const saved = await week.save(onBoard);
    if (!saved.ok) {
      setError({ message: saved.message });
      return false;
    }
    if (saved.saved > 0) announce(`Saved the usual week for ${plural(saved.saved, 'clinician')}.`);
    return true;
  }

  useSaveOnLeave(saveWeek);

  async function next(event: SyntheticEvent) {
    event.preventDefault();
    if (typedName.trim() !== '') {
      setError({ message: `${typedName.trim()} is not added yet. Press Add clinician, or clear the name, then go on.` });
      return;
    }
    if (importWaiting) {
      setError({ message: 'The clinicians in the file are not added yet. Add them, or clear the file, then go on.' });
      return;
    }
    if (onBoard.length === 0) {
      setError({ message: 'Add at least one clinician, or import them from a CSV file: the board needs someone to record contacts for.' });
      return;
    }
    if (await run(saveWeek)) {
      setError(null);
      continueTo('services');
    }
  }

  return (
    <div className="setup-form">
      <div className="setup-body setup-clinicians">
        <AddClinicianForm onNameChange={setTypedName} />
        <CsvImport onWaitingChange={setImportWaiting} />
        <div className="setup-board">
          <SetupClinicianList clinicians={onBoard} weekOf={week.shownOf} onToggle={week.toggle} ready={week.ready} />
        </div>
      </div>
      <form noValidate onSubmit={(event) => void next(event)}>
        <StepFooter step="clinicians" error={error} errorId={ERROR_ID} busy={busy} />
      </form>
    </div>
  );
}
