import type { BoardRow } from '../../../../shared/domain.ts';
import { QUIET_WARNING_REMAINING, type NetworkStatus } from '../../../../shared/network.ts';
import { namesList, recordsText } from '../../format.ts';

/**
 * What the practice network means for the counts at the desk: a PC that has
 * gone quiet may have recorded the last places, and a PC still catching up
 * has not got every record yet. Only ever words; nothing here blocks a record.
 */

/** Whether a clinician's count may be behind: few places left while another PC seen today has gone quiet. */
export function mayBeBehind(row: BoardRow, network: NetworkStatus | null): boolean {
  if (!network || network.quietPcs.length === 0) return false;
  return row.status === 'working' && row.capped && row.remaining <= QUIET_WARNING_REMAINING;
}

function quietPcsText(network: NetworkStatus): string {
  return `${namesList(network.quietPcs)} ${network.quietPcs.length === 1 ? 'has' : 'have'} not been heard from for over a minute`;
}

/** For the record and at-capacity steps: why this clinician's count may be behind, or null. */
export function quietWarning(row: BoardRow, network: NetworkStatus | null): string | null {
  if (!network || !mayBeBehind(row, network)) return null;
  return `The count for ${row.name} may be behind: ${quietPcsText(network)}, and may have recorded contacts for them.`;
}

/** For the board: the clinicians whose counts may be behind, and why, or null. */
export function quietBoardNote(rows: readonly BoardRow[], network: NetworkStatus | null): string | null {
  if (!network) return null;
  const few = rows.filter((row) => mayBeBehind(row, network));
  if (few.length === 0) return null;
  return `Counts may be behind: ${quietPcsText(network)}. Check before giving the last places for ${namesList(few.map((row) => row.name))}.`;
}

/** While this PC catches up with the others: the board says so, and how many records are still to come. */
export function catchingUpNote(network: NetworkStatus | null): string | null {
  if (!network?.catchingUp) return null;
  return `Still catching up with the other PCs: ${recordsText(network.behind)} still to come, so counts may rise. Recording works as usual.`;
}
