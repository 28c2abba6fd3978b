import { DESK_KEYS } from './deskKeys.ts';
import type { BoardOrder } from './settings.ts';
import { withoutTitle } from './text.ts';

const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });

/** "Dr Ada Patel" → "Patel"; "Dr Mary Jane-Smith" → "Jane-Smith". */
export function surnameOf(name: string): string {
  const words = withoutTitle(name).split(' ');
  return words[words.length - 1] ?? name;
}

const keyRank = (key: string | null) => (key === null ? DESK_KEYS.length : DESK_KEYS.indexOf(key));

/**
 * The board's order, which the practice chooses (DOMAIN.md §7: it never depends
 * on who happens to be working, so nobody's row jumps when a colleague is
 * absent). Ties fall back to the whole name, then the id, so it is always the same.
 */
export function sortForBoard<T extends { id: string; name: string; key: string | null }>(people: readonly T[], order: BoardOrder): T[] {
  const byName = (a: T, b: T) => collator.compare(withoutTitle(a.name), withoutTitle(b.name)) || a.id.localeCompare(b.id);
  const compare: Record<BoardOrder, (a: T, b: T) => number> = {
    surname: (a, b) => collator.compare(surnameOf(a.name), surnameOf(b.name)) || byName(a, b),
    first_name: byName,
    key: (a, b) => keyRank(a.key) - keyRank(b.key) || collator.compare(surnameOf(a.name), surnameOf(b.name)) || byName(a, b),
  };
  return [...people].sort(compare[order]);
}
