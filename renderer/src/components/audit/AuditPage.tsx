import { useEffect, useState } from 'react';
import { AUDIT_KIND_LABELS, AUDIT_KINDS, type AuditKind } from '../../../../shared/audit.ts';
import type { AuditTrailStatus } from '../../../../shared/domain.ts';
import { addPracticeDays, practiceDayOf } from '../../../../shared/practiceDay.ts';
import { formatTime } from '../../format.ts';
import { useAuditStore, type AuditFilter } from '../../stores/auditStore.ts';
import { useSessionStore } from '../../stores/sessionStore.ts';
import { useSystemStore } from '../../stores/systemStore.ts';
import { useAnnounce } from '../common/announce.ts';

const EVERYONE = '*everyone';
const NOBODY = '*nobody';

/** Settings → Audit trail (managers): who changed what, when and at which PC, filtered by person, kind and date, and as CSV. */
export function AuditPage() {
  const trail = useAuditStore((state) => state.trail);
  const error = useAuditStore((state) => state.error);
  const load = useAuditStore((state) => state.load);
  const saveCsv = useAuditStore((state) => state.saveCsv);
  const everyone = useSessionStore((state) => state.everyone);
  const loadEveryone = useSessionStore((state) => state.loadEveryone);
  const announce = useAnnounce();
  const check = useSystemStore((state) => state.status?.audit ?? null);
  const [today] = useState(() => practiceDayOf(Date.now()));
  const [from, setFrom] = useState(() => addPracticeDays(today, -6));
  const [to, setTo] = useState(today);
  const [person, setPerson] = useState(EVERYONE);
  const [kind, setKind] = useState<AuditKind | ''>('');
  const [saveError, setSaveError] = useState<string | null>(null);

  const filter: AuditFilter = {
    from,
    to,
    ...(person === EVERYONE ? {} : { staffId: person === NOBODY ? null : person }),
    ...(kind === '' ? {} : { kind }),
  };
  const key = JSON.stringify(filter);
  useEffect(() => {
    void loadEveryone();
  }, [loadEveryone]);
  useEffect(() => {
    void load(JSON.parse(key) as AuditFilter);
  }, [key, load]);

  async function download() {
    const result = await saveCsv(filter);
    if (!result.ok) {
      setSaveError(result.error.message);
      return;
    }
    setSaveError(null);
    announce(`Saved ${result.value.fileName}: ${result.value.rows} rows.`);
  }

  return (
    <section className="panel" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit trail</h2>
      <p className="muted">
        Every change to caps, the rota, clinicians, services and settings, every void, export with patient identifiers, sign-in and wrong PIN, with who was signed in and at
        which PC. It is read from the practice’s event log, which every PC holds and which shows if anything in it is changed.
      </p>
      {check && <p className={check.result === 'broken' ? 'banner banner-warning' : 'banner banner-info'}>{checkText(check)}</p>}
      <div className="audit-filters">
        <label className="field">
          From
          <input type="date" value={from} onChange={(event) => event.target.value && setFrom(event.target.value)} />
        </label>
        <label className="field">
          To
          <input type="date" value={to} onChange={(event) => event.target.value && setTo(event.target.value)} />
        </label>
        <label className="field">
          Person
          <select value={person} onChange={(event) => setPerson(event.target.value)}>
            <option value={EVERYONE}>Everyone</option>
            <option value={NOBODY}>Not signed in</option>
            {(everyone ?? []).map((member) => (
              <option key={member.id} value={member.id}>
                {member.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Kind
          <select value={kind} onChange={(event) => setKind(event.target.value as AuditKind | '')}>
            <option value="">All kinds</option>
            {AUDIT_KINDS.map((candidate) => (
              <option key={candidate} value={candidate}>
                {AUDIT_KIND_LABELS[candidate]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void download()}>
          Save as CSV
        </button>
      </div>
      {saveError && (
        <p role="alert" className="field-error">
          {saveError}
        </p>
      )}
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      {trail && (
        <>
          <p role="status" className="muted">
            {trail.rows.length === 0 ? 'Nothing in these dates.' : `${trail.rows.length} ${trail.rows.length === 1 ? 'entry' : 'entries'}, newest first.`}
            {trail.truncated && ' Only the newest 2,000 are shown: narrow the dates, the person or the kind to see the rest.'}
          </p>
          {trail.rows.length > 0 && (
            <div className="audit-scroll">
              <table className="audit-table">
                <caption className="visually-hidden">Audit trail</caption>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">PC</th>
                    <th scope="col">Who</th>
                    <th scope="col">Kind</th>
                    <th scope="col">What</th>
                  </tr>
                </thead>
                <tbody>
                  {trail.rows.map((row) => (
                    <tr key={`${row.origin}-${row.seq}`}>
                      <td>
                        {practiceDayOf(row.at) === today ? '' : `${practiceDayOf(row.at)} `}
                        {formatTime(row.at)}
                      </td>
                      <td>{row.pc}</td>
                      <td>{row.staff}</td>
                      <td>{AUDIT_KIND_LABELS[row.kind]}</td>
                      <td>{row.summary}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** "Checked at 09:14: every record intact (12,408 records)." — or what the check found, or that it is running. */
function checkText(check: AuditTrailStatus): string {
  if (check.checking && check.checkedAt === null) return 'Checking the event log now…';
  if (check.result === 'not_checked' || check.checkedAt === null) return 'The event log has not been checked since ContactCap started.';
  const when = `Checked at ${formatTime(check.checkedAt)}`;
  if (check.result === 'broken') return `${when}: records have been changed, removed or added outside ContactCap. The notice at the top of the screen says which; tell your IT support today.`;
  if (check.events === 0) return `${when} (at start or after the last catch-up): there were no records yet.`;
  const held = check.events === 1 ? 'the 1 record' : `all ${check.events.toLocaleString('en-GB')} records`;
  return `${when} (at start or after the last catch-up): ${held} then held were intact.`;
}

