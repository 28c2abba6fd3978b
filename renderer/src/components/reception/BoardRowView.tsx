import { memo } from 'react';
import { spokenKey } from '../../../../shared/deskKeys.ts';
import { ROLE_LABELS, type BoardRow, type CapMode, type ClinicianStatus } from '../../../../shared/domain.ts';
import { formatTime } from '../../format.ts';
import { CapMeter } from '../common/CapMeter.tsx';
import { KeyCap } from '../common/fields.tsx';
import { ProblemIcon } from '../common/ProblemIcon.tsx';
import { StateBadge } from '../common/StateBadge.tsx';
import { sessionsText } from './usageText.ts';

/**
 * One clinician's row. Memoised: the desk keeps a row that did not change as the
 * same object (stores/sameRows.ts), so a record draws only its clinician's row.
 */
export const BoardRowView = memo(function BoardRowView({
  row,
  capMode,
  saving,
  statusLabels,
  onChoose,
  maybeBehind,
}: {
  row: BoardRow;
  capMode: CapMode;
  saving: boolean;
  /** Where an away clinician is, in words: short in compact rows. */
  statusLabels: Record<ClinicianStatus, string>;
  onChoose: (row: BoardRow) => void;
  /** Few places left while another PC has gone quiet (networkNotes.ts): said on the row. */
  maybeBehind: boolean;
}) {
  const here = row.status === 'working';
  const figures = row.capped && row.working;
  return (
    <tr className={`board-row row-${row.state}${here ? '' : ` row-away row-${row.status}`}`} data-clinician={row.name} data-status={row.status}>
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
        {saving && <span className="saving">Saving…</span>}
        {here ? <StateBadge state={row.state} /> : <span className={`away away-${row.status}`}>{statusLabels[row.status]}</span>}
        {here && row.fullAt && <span className="since">since {formatTime(row.fullAt)}</span>}
        {row.overCommitted > 0 && (
          <span className="to-check">
            <ProblemIcon />
            {row.overCommitted} to check<span className="visually-hidden">: over the cap from two PCs, see today’s list</span>
          </span>
        )}
        {maybeBehind && (
          <span className="maybe-behind">
            May be behind<span className="visually-hidden">: another PC has not been heard from</span>
          </span>
        )}
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
});
