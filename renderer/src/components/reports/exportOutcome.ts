import type { SaveOutcome } from '../../stores/reportsStore.ts';

/** What became of an export, in the words the Export screen and the Day report both say. */
export function exportOutcomeText(outcome: SaveOutcome): string {
  switch (outcome.kind) {
    case 'saved':
      return `Saved: ${outcome.path}`;
    case 'downloaded':
      return `Downloaded ${outcome.fileName}. Your browser put it in its downloads folder.`;
    case 'cancelled':
      return 'Not saved: the save dialog was closed.';
  }
}
