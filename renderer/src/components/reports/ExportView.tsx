import { useState, type SyntheticEvent } from 'react';
import { EXPORT_TABLE_LABELS, EXPORT_TABLES, type ExportTable } from '../../../../shared/reports.ts';
import { useAnnounce } from '../common/announce.ts';
import { exportSavesBy, useReportsStore, type DateRange, type ExportInput } from '../../stores/reportsStore.ts';
import { errorOf, type FormError } from '../../stores/result.ts';
import { ErrorMessage, invalidIf } from '../common/fields.tsx';
import { useOneAtATime } from '../settings/sectionSave.tsx';
import { useToday } from '../../stores/deskStore.ts';
import { describeRange, quickRange } from './dates.ts';
import { EndOfDaySection } from './EndOfDaySection.tsx';
import { exportOutcomeText } from './exportOutcome.ts';
import { RangePicker, useRangeBoxes } from './RangePicker.tsx';

const ERROR_ID = 'export-error';
type Format = 'csv' | 'xlsx';

/** One export, now: a date range as one CSV table or a workbook of every table. */
function ExportForm() {
  const today = useToday();
  const exportFile = useReportsStore((state) => state.exportFile);
  const announce = useAnnounce();
  const [range, setRange] = useState<DateRange>(() => quickRange('this-week', today));
  const [format, setFormat] = useState<Format>('xlsx');
  const [table, setTable] = useState<ExportTable>('clinician-days');
  const [identifiers, setIdentifiers] = useState(false);
  const [error, setError] = useState<FormError | null>(null);
  // New dates, new export: what was said about the last one no longer stands.
  const dates = useRangeBoxes(range, (next) => {
    setRange(next);
    setError(null);
  }, 'export');
  const [outcome, setOutcome] = useState<string | null>(null);
  const { busy, run } = useOneAtATime();
  const savesBy = exportSavesBy();

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    // The dates as the boxes hold them now: while one is wrong, nothing is exported (not the range before).
    const checked = dates.check();
    if (!checked.ok) {
      setError({ message: `Nothing was exported. ${checked.message}` });
      setOutcome(null);
      return;
    }
    const { from, to } = checked.range;
    const input: ExportInput = { format, from, to, ...(format === 'csv' ? { table } : {}), ...(identifiers ? { includeIdentifiers: true } : {}) };
    const result = await run(() => exportFile(input));
    if (!result) return;
    const failure = errorOf(result);
    setError(failure);
    if (!result.ok) {
      setOutcome(null);
      return;
    }
    const message = exportOutcomeText(result.value);
    setOutcome(message);
    announce(message);
  }

  return (
    <section className="panel" aria-labelledby="export-heading">
      <h2 id="export-heading">Export</h2>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <fieldset className="inline-fieldset">
          <legend>Dates</legend>
          <RangePicker dates={dates} days />
          {!dates.problem && <p className="field-note">{describeRange(range)}</p>}
        </fieldset>
        <fieldset className="inline-fieldset" {...invalidIf(error, 'format', ERROR_ID)}>
          <legend>Format</legend>
          <label className="check-inline">
            <input type="radio" name="export-format" checked={format === 'xlsx'} onChange={() => setFormat('xlsx')} /> Spreadsheet (.xlsx): every table, one sheet each
          </label>
          <label className="check-inline">
            <input type="radio" name="export-format" checked={format === 'csv'} onChange={() => setFormat('csv')} /> CSV: one table
          </label>
          {format === 'csv' && (
            <div className="field export-table">
              <label htmlFor="export-table">Table</label>
              <select id="export-table" value={table} onChange={(event) => setTable(event.target.value as ExportTable)} {...invalidIf(error, 'table', ERROR_ID)}>
                {EXPORT_TABLES.map((name) => (
                  <option key={name} value={name}>
                    {EXPORT_TABLE_LABELS[name]}
                  </option>
                ))}
              </select>
            </div>
          )}
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={identifiers} onChange={(event) => setIdentifiers(event.target.checked)} aria-describedby={identifiers ? 'identifiers-warning' : undefined} />
          Include patient identifiers (NHS numbers and notes)
        </label>
        {identifiers && (
          <p id="identifiers-warning" className="banner banner-warning inline">
            <strong>This file will hold patient data.</strong> Save it only where the practice keeps patient records, never on a memory stick or in personal email,
            and delete it when you are done. Its name says it holds patient identifiers.
          </p>
        )}
        <ErrorMessage error={error} id={ERROR_ID} />
        <div className="actions actions-start">
          <button type="submit" className="primary" aria-disabled={busy || undefined}>
            {busy ? 'Exporting…' : 'Export'}
          </button>
          <span className="field-note export-where">{savesBy === 'dialog' ? 'You choose where to save it.' : 'Your browser downloads it.'}</span>
        </div>
        {outcome && <p className="export-outcome">{outcome}</p>}
      </form>
    </section>
  );
}

/** Files for the practice's own records, the partners, the LMC and the ICB. */
export function ExportView() {
  return (
    <div className="export-layout">
      <ExportForm />
      <EndOfDaySection />
    </div>
  );
}
