import type { BoardRow } from '../../../../shared/domain.ts';

/** One key per clinician working today, in board order: the number row, then the letter rows. */
const KEY_ORDER = '1234567890QWERTYUIOPASDFGHJKLZXCVBNM';
export const SHORTCUT_KEYS: readonly string[] = Array.from({ length: KEY_ORDER.length }, (_, index) => KEY_ORDER.charAt(index));

export function shortcutsFor(rows: readonly BoardRow[]): Map<string, string> {
  const keys = new Map<string, string>();
  rows
    .filter((row) => row.working)
    .forEach((row, index) => {
      const key = SHORTCUT_KEYS[index];
      if (key) keys.set(row.clinicianId, key);
    });
  return keys;
}

/** True when a key press belongs to a text field, not to the desk's shortcuts. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The upper-case letter or digit of a plain key press (no Ctrl, Alt or Meta), or null. */
export function plainKey(event: { key: string; ctrlKey: boolean; altKey: boolean; metaKey: boolean }): string | null {
  if (event.ctrlKey || event.altKey || event.metaKey || event.key.length !== 1) return null;
  return event.key.toUpperCase();
}
