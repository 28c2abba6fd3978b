/**
 * Each clinician's own key on the reception desk (DOMAIN.md §7: a key that moves
 * when a colleague is absent records for the wrong person). A key belongs to the
 * clinician: it is given when they are added and stays through absences, days
 * off and new colleagues until the practice changes it.
 *
 * S, L and U are never clinician keys: on every desk step they mean another
 * service, later, and urgent. After the number row and the letters come the same
 * keys with Shift (shown ⇧1, ⇧Q), enough for a practice of 66 clinicians.
 */
export const RESERVED_DESK_LETTERS = ['S', 'L', 'U'] as const;

const PLAIN_KEYS = '1234567890QWERTYIOPADFGHJKZXCVBNM'.split(/(?=.)/u);
export const SHIFT = '⇧';

/** Every clinician key in the order they are handed out. */
export const DESK_KEYS: readonly string[] = PLAIN_KEYS.concat(PLAIN_KEYS.map((key) => `${SHIFT}${key}`));

const KNOWN = new Set(DESK_KEYS);

export function isDeskKey(key: string): boolean {
  return KNOWN.has(key);
}

/** The first key in hand-out order that nobody has, or null when all are taken. */
export function nextFreeKey(taken: Iterable<string | null>): string | null {
  const used = new Set(taken);
  return DESK_KEYS.find((key) => !used.has(key)) ?? null;
}

/** How a key is read aloud and in accessible names: "Shift+Q" rather than "⇧Q". */
export function spokenKey(key: string): string {
  return key.startsWith(SHIFT) ? `Shift+${key.slice(SHIFT.length)}` : key;
}

/** What a typed key is: "1", "q", "⇧1", "shift 1", "Shift+Q" all read as desk keys; anything else is null. */
export function parseDeskKey(text: string): string | null {
  const cleaned = text.trim().toUpperCase().replace(/\s+/g, '');
  const shifted = /^(⇧|SHIFT\+?)(.)$/.exec(cleaned);
  const key = shifted ? `${SHIFT}${shifted[2] ?? ''}` : cleaned;
  return isDeskKey(key) ? key : null;
}

/**
 * Why typed text is not a desk key, in words for the person setting it, or null
 * when it is one. The core's input check and the Clinicians form both say this.
 */
export function deskKeyProblem(text: string): string | null {
  if (parseDeskKey(text) !== null) return null;
  const letter = text.trim().toUpperCase().replace(/\s+/g, '').replace(/^(⇧|SHIFT\+?)/, '');
  return (RESERVED_DESK_LETTERS as readonly string[]).includes(letter)
    ? 'S, L and U cannot be a clinician’s key: the desk uses them for another service, later and urgent. Choose another letter or a number.'
    : 'A desk key is one number or letter, optionally with Shift, for example 3, Q or Shift+Q.';
}

/** The parts of a key press the desk reads (a KeyboardEvent has them all). */
export interface KeyPress {
  key: string;
  code: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

/**
 * The desk key a press stands for, or null. The character decides which key it
 * is (so other keyboard layouts still match what is printed on the key), and
 * Shift comes from the Shift key itself: Caps Lock turns "q" into "Q" without
 * it. Shift with a digit types "!" or "£", so there the physical key decides.
 */
export function deskKeyOf(press: KeyPress): string | null {
  if (press.ctrlKey || press.altKey || press.metaKey) return null;
  const numpad = /^Numpad([0-9])$/.exec(press.code);
  if (numpad) return numpad[1] ?? null;
  const typed = /^[A-Za-z0-9]$/.test(press.key) ? press.key.toUpperCase() : null;
  const base = typed ?? (press.shiftKey ? (/^Digit([0-9])$/.exec(press.code)?.[1] ?? null) : null);
  if (base === null) return null;
  return press.shiftKey ? `${SHIFT}${base}` : base;
}
