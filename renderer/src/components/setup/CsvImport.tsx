import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import type { ClinicianImport } from '../../../../shared/clinicianImport.ts';
import { plural } from '../../format.ts';
import { useAnnounce } from '../common/announce.ts';
import { useRosterStore } from '../../stores/rosterStore.ts';
import { useOneAtATime } from '../settings/sectionSave.tsx';
import { ImportPreview } from './ImportPreview.tsx';
import { readCsvFile } from './readCsvFile.ts';

interface Chosen {
  fileName: string;
  csv: string;
  answer: ClinicianImport;
}

const ERROR_ID = 'setup-import-error';

/**
 * A CSV file of clinicians: every row shown first, with what is wrong with it,
 * and nothing added until every row is right; then all of them at once.
 */
export function CsvImport({ onWaitingChange }: { onWaitingChange: (waiting: boolean) => void }) {
  const importClinicians = useRosterStore((state) => state.importClinicians);
  const announce = useAnnounce();
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { busy, run } = useOneAtATime();
  const fileBox = useRef<HTMLInputElement>(null);
  const previewBlock = useRef<HTMLElement>(null);

  // A new preview is what the person looks at next: bring it into view in the step.
  useEffect(() => {
    if (chosen) previewBlock.current?.scrollIntoView({ block: 'start' });
  }, [chosen]);

  const show = (next: Chosen | null) => {
    setChosen(next);
    onWaitingChange(next !== null && next.answer.problems === 0);
  };

  const clear = () => {
    show(null);
    setError(null);
    if (fileBox.current) fileBox.current.value = '';
  };

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    show(null);
    const read = await readCsvFile(file);
    if (!read.ok) {
      setError(read.message);
      return;
    }
    const result = await run(() => importClinicians(read.text, false));
    if (!result) return;
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setError(null);
    show({ fileName: file.name, csv: read.text, answer: result.value });
    announce(
      result.value.problems === 0
        ? `${plural(result.value.ready, 'clinician')} ready to add from ${file.name}.`
        : `${plural(result.value.problems, 'row')} of ${file.name} to fix first. Nothing has been added.`,
      result.value.problems === 0 ? 'info' : 'error',
    );
  }

  async function addAll() {
    if (!chosen) return;
    const result = await run(() => importClinicians(chosen.csv, true));
    if (!result) return;
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    announce(`Added ${plural(result.value.added.length, 'clinician')} from ${chosen.fileName}.`);
    clear();
    fileBox.current?.focus();
  }

  const answer = chosen?.answer ?? null;
  return (
    <>
      <section className="setup-import" aria-labelledby="setup-import-heading">
        <h4 id="setup-import-heading">Or import them from a CSV file</h4>
        <div id="setup-import-note" className="field-note">
          <p>
            Save the list from your spreadsheet as CSV. The first row names the columns: Name and Role, and if you like Daily cap and Initials. Roles as ContactCap
            shows them, for example GP partner or Practice nurse. Nothing is added until every row is right. For example:
          </p>
          <pre className="setup-example">
            {'Name,Role,Daily cap\nDr Ada Patel,GP partner,\nEve Morgan,Practice nurse,30'}
          </pre>
        </div>
        <div className="field">
          <label htmlFor="setup-import-file">CSV file of clinicians</label>
          <input
            ref={fileBox}
            id="setup-import-file"
            type="file"
            accept=".csv,text/csv,text/plain"
            aria-describedby={error ? `setup-import-note ${ERROR_ID}` : 'setup-import-note'}
            aria-invalid={error ? true : undefined}
            onChange={(event) => void choose(event)}
          />
        </div>
        {error && (
          <p id={ERROR_ID} role="alert" className="field-error">
            {error}
          </p>
        )}
      </section>
      {chosen && answer && (
        <section ref={previewBlock} className="setup-preview-block" aria-labelledby="setup-preview-heading">
          <h4 id="setup-preview-heading">What the file will add</h4>
          {answer.problems > 0 ? (
            <p role="alert" className="field-error">
              Nothing has been added. Fix {answer.problems === 1 ? 'the row' : `the ${answer.problems} rows`} marked ⚠ in the spreadsheet, save it again, and choose the
              file again.
            </p>
          ) : (
            <p className="field-ok">Every row is ready. Nothing is added until you press Add.</p>
          )}
          <div className="actions left">
            {answer.problems === 0 && (
              <button type="button" className="primary" aria-disabled={busy || undefined} onClick={() => void addAll()}>
                Add {answer.ready === 1 ? 'this clinician' : `these ${answer.ready} clinicians`}
              </button>
            )}
            <button type="button" onClick={clear}>
              Clear the file
            </button>
          </div>
          <ImportPreview answer={answer} fileName={chosen.fileName} />
        </section>
      )}
    </>
  );
}
