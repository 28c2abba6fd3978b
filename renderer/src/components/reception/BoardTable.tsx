import type { BoardRow, CapMode } from '../../../../shared/domain.ts';
import { BoardRowView } from './BoardRowView.tsx';

/**
 * The board: one row per clinician on the board, in the practice's order, each
 * with their own key. Clinicians who are absent, off the rota or finished keep
 * their row and key, greyed and labelled in words.
 */
export function BoardTable({
  rows,
  capMode,
  savingFor,
  onChoose,
}: {
  rows: BoardRow[];
  capMode: CapMode;
  /** The clinician whose contact is being saved now, if any. */
  savingFor: string | null;
  onChoose: (row: BoardRow) => void;
}) {
  return (
    <table className="board-table">
      <caption className="visually-hidden">Clinicians on the board today, with their keys</caption>
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
        {rows.map((row) => (
          <BoardRowView key={row.clinicianId} row={row} capMode={capMode} saving={savingFor === row.clinicianId} onChoose={onChoose} />
        ))}
      </tbody>
    </table>
  );
}
