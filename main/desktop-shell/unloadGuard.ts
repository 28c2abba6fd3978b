import type { MessageBoxSyncOptions, WebContents } from 'electron';

/** The question, in the words of the page's own "Leave without saving?" (renderer LeaveDialog.tsx). */
export const UNLOAD_QUESTION: MessageBoxSyncOptions = {
  type: 'question',
  title: 'Leave without saving?',
  message: 'Some changes are not saved yet.',
  detail: 'If you close or reload ContactCap now, these changes are lost. To keep them, choose Keep editing and press the section’s Save button.',
  buttons: ['Keep editing', 'Discard changes'],
  // Enter and Esc both keep editing: nothing typed is lost by a key pressed out of habit.
  defaultId: 0,
  cancelId: 0,
  noLink: true,
};

const DISCARD = 1;

/**
 * While the page holds changes not saved yet it refuses to unload (a
 * `beforeunload` listener, renderer stores/uiStore.ts). A browser then asks
 * the user; Electron asks nobody and keeps the window open without a word, so
 * the shell asks here. Only "Discard changes" lets the window close or reload;
 * anything else, a failed question included, keeps it as it was.
 */
export function askBeforeUnload(contents: Pick<WebContents, 'on'>, ask: (question: MessageBoxSyncOptions) => number): void {
  contents.on('will-prevent-unload', (event) => {
    let answer: number;
    try {
      answer = ask(UNLOAD_QUESTION);
    } catch {
      return;
    }
    // preventDefault here overrides the page's refusal: the window unloads.
    if (answer === DISCARD) event.preventDefault();
  });
}
