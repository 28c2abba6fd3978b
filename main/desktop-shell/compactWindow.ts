import { MIN_WINDOW_SIZE } from './windowOptions.ts';

/** The part of a BrowserWindow the compact mode needs. */
export interface ResizableWindow {
  getBounds(): { x: number; y: number; width: number; height: number };
  setBounds(bounds: { x: number; y: number; width: number; height: number }): void;
  setMinimumSize(width: number, height: number): void;
  setAlwaysOnTop(flag: boolean, level?: 'floating'): void;
  setResizable(resizable: boolean): void;
}

const COMPACT_SIZE = { width: 280, height: 190 };

/**
 * A clinician's small always-on-top panel: the window shrinks in place and
 * stays above other programs; turning it off gives back the size it had.
 */
export function compactController(window: ResizableWindow) {
  let saved: ReturnType<ResizableWindow['getBounds']> | null = null;
  return (on: boolean): { compact: boolean } => {
    if (on && saved === null) {
      saved = window.getBounds();
      window.setMinimumSize(COMPACT_SIZE.width, COMPACT_SIZE.height);
      window.setBounds({ x: saved.x + saved.width - COMPACT_SIZE.width, y: saved.y, ...COMPACT_SIZE });
      window.setResizable(false);
      window.setAlwaysOnTop(true, 'floating');
    } else if (!on && saved !== null) {
      window.setAlwaysOnTop(false);
      window.setResizable(true);
      window.setMinimumSize(MIN_WINDOW_SIZE.width, MIN_WINDOW_SIZE.height);
      window.setBounds(saved);
      saved = null;
    }
    return { compact: on };
  };
}
