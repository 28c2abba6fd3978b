import type { FormError } from '../../stores/result.ts';
import { useSettingsStore } from '../../stores/settingsStore.ts';
import { ErrorMessage, invalidIf } from '../common/fields.tsx';

/**
 * The end of every "send the patient on" form: an optional note, the patient-told
 * tick the core asks for, the error, and Cancel / Record. The note is there only
 * when the practice collects patient identifiers: otherwise the core keeps no
 * notes about patients (shared/freeText.ts).
 */
export function RoutingFooter({
  note,
  onNote,
  told,
  onTold,
  error,
  errorId,
  submitLabel,
  onCancel,
}: {
  note: string;
  onNote: (note: string) => void;
  told: boolean;
  onTold: (told: boolean) => void;
  error: FormError | null;
  errorId: string;
  submitLabel: string;
  onCancel: () => void;
}) {
  const collectNotes = useSettingsStore((state) => state.settings?.collectNhsNumber ?? false);
  return (
    <>
      {/* Still shown if identifiers were turned off while a note was being typed: the core refuses it, and the box is there to empty. */}
      {(collectNotes || note !== '') && (
        <label className="field">
          Note (optional)
          <input value={note} onChange={(event) => onNote(event.target.value)} {...invalidIf(error, 'note', errorId)} />
        </label>
      )}
      <label className="check" {...invalidIf(error, 'patientTold', errorId)}>
        <input type="checkbox" checked={told} onChange={(event) => onTold(event.target.checked)} />
        The patient has been told what happens next and what to do if they get worse
      </label>
      <ErrorMessage error={error} id={errorId} />
      <div className="actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary">
          {submitLabel}
        </button>
      </div>
    </>
  );
}
