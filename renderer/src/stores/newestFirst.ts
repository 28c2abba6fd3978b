/** Lists of today's entries kept newest first, by when each happened. */

interface Dated {
  id: string;
  occurredAt: string;
}

/**
 * The list with `entry` in its place, newest first, once only: a list already
 * holding it comes back unchanged. An entry as new as others goes before them.
 * Only the entries it passes are looked at (a new one usually goes first).
 */
export function withNewestFirst<T extends Dated>(list: readonly T[], entry: T): T[] {
  if (list.some((existing) => existing.id === entry.id)) return list as T[];
  const at = Date.parse(entry.occurredAt);
  let index = 0;
  while (index < list.length && Date.parse(list[index]?.occurredAt ?? '') > at) index++;
  return [...list.slice(0, index), entry, ...list.slice(index)];
}
