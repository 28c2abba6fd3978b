import { ROLE_LABELS, type BoardRow, type CapMode } from '../../../../shared/domain.ts';
import { formatTime } from '../../format.ts';
import { CapMeter } from '../common/CapMeter.tsx';
import { KeyCap } from '../common/fields.tsx';
import { StateBadge } from '../common/StateBadge.tsx';
import { sessionsText } from './usageText.ts';

/** The board: one row per clinician, readable from a metre away. */
export function BoardTable({
  rows,
  keys,
  capMode,
  caption,
  onChoose,
}: {
  rows: BoardRow[];
  keys: Map<string, string>;
  capMode: CapMode;
  caption: string;
  onChoose: (row: BoardRow) => void;
}) {
  return (
    <table className="board-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="key-col">
            Key
          </th>
          <th scope="col">Clinician</th>
          <th scope="col">Used {capMode === 'session' ? 'this session' : 'today'}</th>
          <th scope="col" className="num">
            Left
          </th>
          <th scope="col">State</th>
          <th scope="col">
            <span className="visually-hidden">Record</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const key = keys.get(row.clinicianId);
          return (
            <tr key={row.clinicianId} className={`board-row row-${row.state}`} data-clinician={row.name}>
              <td className="key-col">{key && <KeyCap>{key}</KeyCap>}</td>
              <th scope="row" className="who">
                <span className="who-name">{row.name}</span>
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
                  {row.capped && row.working ? `${row.used} / ${row.cap}` : `${row.used}`}
                </span>
                {row.capped && row.working && <CapMeter used={row.used} cap={row.cap} state={row.state} />}
              </td>
              <td className="num left-count" data-testid="left">
                {row.capped && row.working ? row.remaining : '—'}
              </td>
              <td>
                {row.working ? <StateBadge state={row.state} /> : <span className="not-working">Not on the rota</span>}
                {row.working && row.fullAt && <span className="since">since {formatTime(row.fullAt)}</span>}
              </td>
              <td>
                <button type="button" className="record" aria-label={`Record a contact for ${row.name}`} onClick={() => onChoose(row)}>
                  Record
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
