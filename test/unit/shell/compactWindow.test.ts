import { describe, expect, it, vi } from 'vitest';
import { compactController, type ResizableWindow } from '../../../main/desktop-shell/compactWindow.ts';

function fakeWindow() {
  let bounds = { x: 100, y: 50, width: 1366, height: 768 };
  const window = {
    getBounds: vi.fn(() => bounds),
    setBounds: vi.fn((next: typeof bounds) => {
      bounds = next;
    }),
    setMinimumSize: vi.fn(),
    setAlwaysOnTop: vi.fn(),
    setResizable: vi.fn(),
  } satisfies ResizableWindow;
  return window;
}

describe('compact window', () => {
  it('shrinks to a small always-on-top panel at the top right of where the window was', () => {
    const window = fakeWindow();
    expect(compactController(window)(true)).toEqual({ compact: true });
    expect(window.setBounds).toHaveBeenLastCalledWith({ x: 100 + 1366 - 280, y: 50, width: 280, height: 190 });
    expect(window.setAlwaysOnTop).toHaveBeenLastCalledWith(true, 'floating');
    expect(window.setResizable).toHaveBeenLastCalledWith(false);
  });

  it('gives back the size it had and stops floating', () => {
    const window = fakeWindow();
    const setCompact = compactController(window);
    setCompact(true);
    expect(setCompact(false)).toEqual({ compact: false });
    expect(window.setBounds).toHaveBeenLastCalledWith({ x: 100, y: 50, width: 1366, height: 768 });
    expect(window.setAlwaysOnTop).toHaveBeenLastCalledWith(false);
    expect(window.setMinimumSize).toHaveBeenLastCalledWith(1024, 600);
  });

  it('ignores a second request for the state it is already in', () => {
    const window = fakeWindow();
    const setCompact = compactController(window);
    setCompact(false);
    expect(window.setBounds).not.toHaveBeenCalled();
    setCompact(true);
    setCompact(true);
    expect(window.setBounds).toHaveBeenCalledTimes(1);
  });
});
