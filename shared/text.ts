/** Small text rules shared by both sides. */

/** Letters or digits somewhere, and no control characters: text a person can actually read. */
export function isReadableText(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text) && !/\p{Cc}/u.test(text);
}

/** Tidies typed text: one Unicode form, no outer spaces, single inner spaces. */
export function tidyText(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/**
 * How two names are compared for "is this the same person": ignores case
 * (beyond A–Z), accent encoding and spacing.
 */
export function nameKey(name: string): string {
  return tidyText(name).normalize('NFKC').toLocaleLowerCase('en-GB');
}

/** A malformed percent-escape is simply not found, never a crash. */
export function safeDecodeURIComponent(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

const TITLES = new Set(['dr', 'mr', 'mrs', 'ms', 'miss', 'mx', 'prof', 'professor']);

/** "Dr Ada Patel" → "Ada Patel": for sorting a list of people by name. */
export function withoutTitle(name: string): string {
  const words = tidyText(name).split(' ');
  while (words.length > 1 && TITLES.has((words[0] ?? '').replace(/\.$/, '').toLowerCase())) words.shift();
  return words.join(' ');
}

/** "Dr Ada Patel" → "AP": the first letter of each name, titles left out, at most four. */
export function deriveInitials(name: string): string {
  const words = tidyText(name)
    .split(/[\s-]+/)
    .filter((word) => word !== '' && !TITLES.has(word.replace(/\.$/, '').toLowerCase()));
  const letters = words.map((word) => /\p{L}/u.exec(word)?.[0] ?? '').join('');
  return letters.toLocaleUpperCase('en-GB').slice(0, 4) || '?';
}
