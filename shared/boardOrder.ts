import { DESK_KEYS } from './deskKeys.ts';
import type { BoardOrder } from './settings.ts';
import { withoutTitle } from './text.ts';

const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });

/** "Dr Ada Patel" → "Patel"; "Dr Mary Jane-Smith" → "Jane-Smith". */
export function surnameOf(name: string): string {
  return lastWordOf(withoutTitle(name));
}

function lastWordOf(text: string): string {
  const words = text.split(' ');
  return words[words.length - 1] ?? text;
}

const sortNames = new Map<string, { name: string; surname: string }>();

function sortNamesOf(name: string): { name: string; surname: string } {
  let known = sortNames.get(name);
  if (!known) {
    const plain = withoutTitle(name);
    known = { name: plain, surname: lastWordOf(plain) };
    if (sortNames.size > 10_000) sortNames.clear();
    sortNames.set(name, known);
  }
  return known;
}

const keyRank = (key: string | null) => (key === null ? DESK_KEYS.length : DESK_KEYS.indexOf(key));

/**
 * The board's order, which the practice chooses (DOMAIN.md §7: it never depends
 * on who happens to be working, so nobody's row jumps when a colleague is
 * absent). Ties fall back to the whole name, then the id, so it is always the same.
 */
export function sortForBoard<T extends { id: string; name: string; key: string | null }>(people: readonly T[], order: BoardOrder): T[] {
  // Each name is tidied once, not at every comparison (nor at every board).
  const sortable = people.map((person) => ({ person, ...sortNamesOf(person.name), rank: keyRank(person.key) }));
  type Sortable = (typeof sortable)[number];
  const byName = (a: Sortable, b: Sortable) => collator.compare(a.name, b.name) || a.person.id.localeCompare(b.person.id);
  const compare: Record<BoardOrder, (a: Sortable, b: Sortable) => number> = {
    surname: (a, b) => collator.compare(a.surname, b.surname) || byName(a, b),
    first_name: byName,
    key: (a, b) => a.rank - b.rank || collator.compare(a.surname, b.surname) || byName(a, b),
  };
  return sortable.sort(compare[order]).map((entry) => entry.person);
}
