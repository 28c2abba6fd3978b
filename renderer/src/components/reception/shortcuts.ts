const TEXT_INPUTS = new Set(['text', 'search', 'time', 'date', 'number', 'email', 'tel', 'url', 'password', 'datetime-local', 'month', 'week']);

/**
 * True when a key press belongs to a field being typed in, not to the desk's
 * keys. Radio buttons and checkboxes are not typed in: on the type picker a
 * letter still changes the type.
 */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target instanceof HTMLInputElement && TEXT_INPUTS.has(target.type);
}
