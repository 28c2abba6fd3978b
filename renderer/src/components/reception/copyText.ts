/**
 * Puts text on the clipboard. False when the browser or shell will not allow it
 * (no clipboard outside a secure page, or permission refused): the caller then
 * selects the text so Ctrl+C copies it.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
