import { spokenKey } from '../../../../shared/deskKeys.ts';
import { CLINICIAN_STATUS_LABELS, ROLE_LABELS, type BoardRow, type CapMode, type ClinicianStatus } from '../../../../shared/domain.ts';
import { formatTime } from '../../format.ts';
import { CapMeter } from '../common/CapMeter.tsx';
import { KeyCap } from '../common/fields.tsx';
import { StateBadge } from '../common/StateBadge.tsx';
import { sessionsText } from './usageText.ts';

/** In compact rows the same words, shorter: the row has no room for "for today". */
const SHORT_STATUS_LABELS: Record<ClinicianStatus, string> = {
  working: 'Working',
  finished: 'Finished',
  absent: 'Absent',
  not_working: 'Not working',
};

/**
 * The board: one row per clinician on the board, in the practice's order, each
 * with their own key. Clinicians who are absent, off the rota or finished keep
 * their row and key, greyed and labelled in words. In compact rows every row
 * still shows its key, name, used of cap, what is left and its state in words.
 */
export function BoardTable({
  rows,
  capMode,
  savingFor,
  onChoose,
  compact = false,
  tight = false,
  caption = 'Clinicians on the board today, with their keys',
}: {
  rows: BoardRow[];
  capMode: CapMode;
  /** The clinician whose contact is being saved now, if any. */
  savingFor: string | null;
  onChoose: (row: BoardRow) => void;
  compact?: boolean;
  /** Compact rows with little width (two tables side by side, or a narrow window): the figures and the state only. */
  tight?: boolean;
  caption?: string;
}) {
  const statusLabels = compact ? SHORT_STATUS_LABELS : CLINICIAN_STATUS_LABELS;
  return (
    <table className={tight ? 'board-table board-tight' : 'board-table'}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="key-col">
            Key
          </th>
          <th scope="col" className="col-who">
            Clinician
          </th>
          <th scope="col" className="col-used">
            Used <span className={compact ? 'visually-hidden' : undefined}>{capMode === 'session' ? 'this session' : 'today'}</span>
          </th>
          <th scope="col" className="num col-left">
            Left
          </th>
          <th scope="col" className="col-state">
            State
          </th>
          <th scope="col" className="col-record">
            <span className="visually-hidden">Record</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const here = row.status === 'working';
          const figures = row.capped && row.working;
          return (
            <tr key={row.clinicianId} className={`board-row row-${row.state}${here ? '' : ` row-away row-${row.status}`}`} data-clinician={row.name} data-status={row.status}>
              <td className="key-col">{row.key ? <KeyCap>{row.key}</KeyCap> : <span className="no-key">No key</span>}</td>
              <th scope="row" className="who">
                <span className="who-name" title={row.name}>
                  {row.name}
                </span>
                {row.duty && <span className="badge-duty">Duty</span>}
                <span className="who-detail">
                  {ROLE_LABELS[row.role]} · {sessionsText(row)}
                  {capMode === 'session' && row.working && (
                    <>
                      {' '}
                      · AM {row.bySession.am.used}/{row.bySession.am.cap} · PM {row.bySession.pm.used}/{row.bySession.pm.cap}
                    </>
                  )}
                </span>
              </th>
              <td className="used">
                <span className="used-figures" data-testid="used">
                  {figures ? `${row.used} / ${row.cap}` : `${row.used}`}
                </span>
                {figures && here && <CapMeter used={row.used} cap={row.cap} state={row.state} />}
              </td>
              <td className="num left-count" data-testid="left">
                {figures && here ? row.remaining : '—'}
              </td>
              <td className="state-cell">
                {/* Not a live region: the line above the board says what is being saved, once. */}
                {savingFor === row.clinicianId && <span className="saving">Saving…</span>}
                {here ? <StateBadge state={row.state} /> : <span className={`away away-${row.status}`}>{statusLabels[row.status]}</span>}
                {here && row.fullAt && <span className="since">since {formatTime(row.fullAt)}</span>}
              </td>
              <td>
                <button
                  type="button"
                  className="record"
                  aria-label={`${here ? 'Record a contact for' : 'Options for'} ${row.name}${row.key ? `, key ${spokenKey(row.key)}` : ''}`}
                  onClick={() => onChoose(row)}
                >
                  {here ? 'Record' : 'Options'}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
