import { CLINICIAN_STATUS_LABELS, type BoardRow, type CapMode, type ClinicianStatus } from '../../../../shared/domain.ts';
import type { NetworkStatus } from '../../../../shared/network.ts';
import { BoardRowView } from './BoardRowView.tsx';
import { mayBeBehind } from './networkNotes.ts';

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
  network,
  compact = false,
  tight = false,
  caption = 'Clinicians on the board today, with their keys',
}: {
  rows: BoardRow[];
  capMode: CapMode;
  /** The clinician whose contact is being saved now, if any. */
  savingFor: string | null;
  onChoose: (row: BoardRow) => void;
  /** The practice network, for the rows whose counts may be behind. */
  network: NetworkStatus | null;
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
        {rows.map((row) => (
          <BoardRowView
            key={row.clinicianId}
            row={row}
            capMode={capMode}
            saving={savingFor === row.clinicianId}
            statusLabels={statusLabels}
            onChoose={onChoose}
            maybeBehind={mayBeBehind(row, network)}
          />
        ))}
      </tbody>
    </table>
  );
}
