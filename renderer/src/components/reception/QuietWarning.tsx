import type { BoardRow } from '../../../../shared/domain.ts';
import { useSystemStore } from '../../stores/systemStore.ts';
import { ProblemIcon } from '../common/ProblemIcon.tsx';
import { quietWarning } from './networkNotes.ts';

/** Why this clinician's count may be behind (another PC has gone quiet), or null. */
export function useQuietWarning(row: BoardRow): string | null {
  return useSystemStore((state) => quietWarning(row, state.network));
}

/** In a desk step for one clinician: their count may be behind. The step's dialog names it in its description. */
export function QuietWarning({ text, id }: { text: string | null; id: string }) {
  if (text === null) return null;
  return (
    <p id={id} className="quiet-warning">
      <ProblemIcon />
      {text}
    </p>
  );
}
