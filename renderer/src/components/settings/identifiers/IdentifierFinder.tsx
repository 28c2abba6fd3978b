import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { ERASURE_REASONS, type ErasureOutcome, type ErasureReason, type IdentifierRecord } from '../../../../../shared/identifiers.ts';
import { plural } from '../../../format.ts';
import { canErase, NO_QUERY, useIdentifiersStore } from '../../../stores/identifiersStore.ts';
import type { FormError } from '../../../stores/result.ts';
import { useAnnounce } from '../../common/announce.ts';
import { ErrorMessage, invalidIf } from '../../common/fields.tsx';
import { ConfirmDialog } from '../network/ConfirmDialog.tsx';
import { describedField } from '../sectionSave.tsx';
import { erasedText, listedText, reasonChoice, stateText, whatText, whenText } from './identifierWords.ts';

const FIND_ERROR = 'find-identifiers-error';
const ERASE_ERROR = 'erase-identifiers-error';
/** The most the core lists at once (identifiers.find). */
const FIND_LIMIT = 500;
/** The records the confirmation names one by one; the rest are counted. */
const NAMED = 5;

/** Find records by NHS number or note, tick them, and erase their identifiers on every PC, after a plain question. `today` is the core's practice day. */
export function IdentifierFinder({ today }: { today: string }) {
  const records = useIdentifiersStore((state) => state.records);
  const query = useIdentifiersStore((state) => state.query);
  const findError = useIdentifiersStore((state) => state.findError);
  const chosen = useIdentifiersStore((state) => state.chosen);
  const { find, choose, chooseAll, erase } = useIdentifiersStore.getState();
  const announce = useAnnounce();
  const [nhsNumber, setNhsNumber] = useState(query.nhsNumber);
  const [text, setText] = useState(query.text);
  const [why, setWhy] = useState<ErasureReason | ''>('');
  const [eraseError, setEraseError] = useState<FormError | null>(null);
  const [confirming, setConfirming] = useState(false);
  const outcome = useRef<ErasureOutcome | null>(null);

  function search(event: SyntheticEvent) {
    event.preventDefault();
    void find({ nhsNumber, text });
  }

  function showAll() {
    setNhsNumber('');
    setText('');
    void find(NO_QUERY);
  }

  function ask() {
    if (chosen.length === 0) setEraseError({ message: 'Tick the records whose NHS number and note are to be erased first.', field: 'recordIds' });
    else if (why === '') setEraseError({ message: 'Choose why they are erased: the patient asked, entered in error, or no longer needed.', field: 'why' });
    else {
      setEraseError(null);
      setConfirming(true);
    }
  }

  const picked = (records ?? []).filter((record) => chosen.includes(record.recordId));

  return (
    <section className="panel identifier-finder" aria-labelledby="find-identifiers-heading">
      <h2 id="find-identifiers-heading">Find and erase</h2>
      <form role="search" aria-label="Find records with patient identifiers" noValidate onSubmit={search}>
        <div className="audit-filters">
          <div className="field">
            <label htmlFor="find-nhs">NHS number</label>
            <input
              id="find-nhs"
              inputMode="numeric"
              autoComplete="off"
              spellCheck={false}
              className="input-nhs"
              value={nhsNumber}
              maxLength={20}
              onChange={(event) => setNhsNumber(event.target.value)}
              {...describedField(findError, 'nhsNumber', FIND_ERROR, 'find-note')}
            />
          </div>
          <div className="field">
            <label htmlFor="find-text">Note contains</label>
            <input id="find-text" autoComplete="off" value={text} maxLength={100} onChange={(event) => setText(event.target.value)} {...describedField(findError, 'text', FIND_ERROR, 'find-note')} />
          </div>
          <button type="submit" className="primary">
            Find
          </button>
          <button type="button" onClick={showAll}>
            Show all
          </button>
        </div>
        <span id="find-note" className="field-note">
          Type either or both and press Enter. A search lists only records that still hold an NHS number or a note; Show all lists every record, erased ones included.
        </span>
        <ErrorMessage error={findError} id={FIND_ERROR} />
      </form>
      {records && (
        <>
          <p role="status" className="identifier-listed">
            {listedText(records, query, FIND_LIMIT)}
          </p>
          {records.length > 0 && (
            <RecordTable
              records={records}
              chosen={chosen}
              today={today}
              onChoose={(recordId, on) => {
                choose(recordId, on);
                setEraseError(null);
              }}
              onChooseAll={(on) => {
                chooseAll(on);
                setEraseError(null);
              }}
            />
          )}
          {records.some((record) => record.legacy && record.state === 'held') && (
            <p className="field-note">
              Older record: made before ContactCap sealed notes. Erasing it takes its NHS number and note off every screen and export, but the note stays in the practice’s
              record log.
            </p>
          )}
          {records.some(canErase) && (
            <div className="identifier-erase">
              <div className="field">
                <label htmlFor="erase-why">Why they are erased</label>
                <select
                  id="erase-why"
                  value={why}
                  onChange={(event) => {
                    setWhy(event.target.value as ErasureReason | '');
                    setEraseError(null);
                  }}
                  {...invalidIf(eraseError, 'why', ERASE_ERROR)}
                >
                  <option value="">Choose why…</option>
                  {ERASURE_REASONS.map((reason) => (
                    <option key={reason} value={reason}>
                      {reasonChoice(reason)}
                    </option>
                  ))}
                </select>
              </div>
              <button type="button" onClick={ask} aria-describedby={eraseError?.field === 'recordIds' ? ERASE_ERROR : undefined}>
                Erase identifiers from {plural(chosen.length, 'record')}…
              </button>
            </div>
          )}
          <ErrorMessage error={eraseError} id={ERASE_ERROR} />
        </>
      )}
      {confirming && why !== '' && (
        <ConfirmDialog
          title={`Erase the NHS number and note of ${plural(picked.length, 'record')}?`}
          keepLabel="Keep them"
          doLabel="Erase for good"
          onConfirm={async () => {
            const result = await erase(why);
            if (result.ok) outcome.current = result.value;
            return result;
          }}
          onDone={() => {
            setWhy('');
            if (outcome.current) announce(erasedText(outcome.current));
          }}
          onClose={() => setConfirming(false)}
        >
          <ul className="identifier-picked">
            {picked.slice(0, NAMED).map((record) => (
              <li key={record.recordId}>
                {whenText(record, today)} · {whatText(record)}
                {record.nhsNumber && ` · NHS number ${record.nhsNumber}`}
              </li>
            ))}
            {picked.length > NAMED && <li>and {plural(picked.length - NAMED, 'more record')}</li>}
          </ul>
          <p>
            <strong>Why:</strong> {reasonChoice(why)}.
          </p>
          <p>
            They are erased on every PC of the practice: on this PC at once, and on each other PC as soon as it is connected. Nobody can read them again, here, on the other
            PCs or from the backups. <strong>This cannot be undone.</strong>
          </p>
          <p>The redirections and the patients kept for later stay, and every count and report is unchanged.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function RecordTable({
  records,
  chosen,
  today,
  onChoose,
  onChooseAll,
}: {
  records: readonly IdentifierRecord[];
  chosen: readonly string[];
  today: string;
  onChoose: (recordId: string, on: boolean) => void;
  onChooseAll: (on: boolean) => void;
}) {
  const open = records.filter(canErase).length;
  const all = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (all.current) all.current.indeterminate = chosen.length > 0 && chosen.length < open;
  }, [chosen.length, open]);
  return (
    <div className="identifier-scroll">
      <table className="audit-table identifier-table">
        <caption className="visually-hidden">Records with patient identifiers, newest first</caption>
        <thead>
          <tr>
            <th scope="col">
              {open > 0 ? (
                <input ref={all} type="checkbox" aria-label={`Choose all ${plural(open, 'record')} that can be erased`} checked={chosen.length === open} onChange={(event) => onChooseAll(event.target.checked)} />
              ) : (
                <span className="visually-hidden">Choose</span>
              )}
            </th>
            <th scope="col">When</th>
            <th scope="col">What</th>
            <th scope="col">NHS number</th>
            <th scope="col">Note</th>
            <th scope="col">Identifiers</th>
          </tr>
        </thead>
        <tbody>
          {records.map((record) => {
            const ticked = chosen.includes(record.recordId);
            return (
              <tr key={record.recordId} className={ticked ? 'chosen' : record.state === 'erased' ? 'erased' : undefined}>
                <td>
                  {canErase(record) && (
                    <input type="checkbox" checked={ticked} aria-label={`Choose: ${whenText(record, today)}, ${whatText(record)}`} onChange={(event) => onChoose(record.recordId, event.target.checked)} />
                  )}
                </td>
                <td className="identifier-when">{whenText(record, today)}</td>
                <td>{whatText(record)}</td>
                <td className="identifier-nhs">{record.state === 'held' ? (record.nhsNumber ?? 'None') : ''}</td>
                <td className="identifier-note">{record.note}</td>
                <td>{stateText(record)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
