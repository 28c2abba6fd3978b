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
