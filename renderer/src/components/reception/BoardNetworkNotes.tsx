import type { BoardRow } from '../../../../shared/domain.ts';
import type { NetworkStatus } from '../../../../shared/network.ts';
import { ProblemIcon } from '../common/ProblemIcon.tsx';
import { catchingUpNote, quietBoardNote } from './networkNotes.ts';

/**
 * Above the board, what the practice network means for its counts: still
 * catching up with the other PCs (counts may rise), and counts that may be
 * behind because a PC has gone quiet. The second is a polite live region, so
 * a screen reader hears it when it appears; the first changes with every
 * batch that arrives and is read where it stands.
 */
export function BoardNetworkNotes({ rows, network }: { rows: readonly BoardRow[]; network: NetworkStatus | null }) {
  const catchingUp = catchingUpNote(network);
  const quiet = quietBoardNote(rows, network);
  return (
    <>
      {catchingUp && <p className="board-network-note board-catching-up">{catchingUp}</p>}
      <div className="board-network-live" role="status">
        {quiet && (
          <p className="board-network-note board-quiet">
            <ProblemIcon />
            {quiet}
          </p>
        )}
      </div>
    </>
  );
}
