import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { askBeforeUnload, useUiStore } from '../../../renderer/src/stores/uiStore.ts';

/**
 * "Leave without saving?": asked before another screen or another tab of a
 * screen is shown while a part of the page has changes not saved, and the
 * window's own question before it closes or reloads.
 */
describe('leaving changes not saved', () => {
  beforeEach(() => useUiStore.setState({ screen: 'reports', unsaved: {}, leaving: null }));

  it('goes at once when nothing is unsaved', () => {
    const leave = vi.fn();
    useUiStore.getState().leaveFor('the “Export” tab', leave);
    expect(leave).toHaveBeenCalledTimes(1);
    expect(useUiStore.getState().leaving).toBeNull();
  });

  it('asks while a part is unsaved: Keep editing stays, Discard changes goes once', () => {
    useUiStore.getState().markUnsaved('gpas', 'the GPAS assessment for Monday 23 November 2026');
    const leave = vi.fn();
    useUiStore.getState().leaveFor('the “Export” tab', leave);
    expect(leave).not.toHaveBeenCalled();
    expect(useUiStore.getState().leaving?.to).toBe('the “Export” tab');

    useUiStore.getState().keepEditing();
    expect(useUiStore.getState().leaving).toBeNull();
    expect(leave).not.toHaveBeenCalled();

    useUiStore.getState().leaveFor('the “Export” tab', leave);
    useUiStore.getState().discardAndLeave();
    useUiStore.getState().discardAndLeave();
    expect(leave).toHaveBeenCalledTimes(1);
    expect(useUiStore.getState().leaving).toBeNull();
  });

  it('asks before another screen too, and not for the screen already showing', () => {
    useUiStore.getState().markUnsaved('practice', 'Practice');
    useUiStore.getState().go('reports');
    expect(useUiStore.getState().leaving).toBeNull();
    useUiStore.getState().go('settings');
    expect(useUiStore.getState().leaving?.to).toBe('Settings');
    expect(useUiStore.getState().screen).toBe('reports');
    useUiStore.getState().discardAndLeave();
    expect(useUiStore.getState().screen).toBe('settings');
  });

  describe('the window closing or reloading', () => {
    let stop = () => {};
    afterEach(() => stop());

    const unload = (target: EventTarget) => {
      const event = new Event('beforeunload', { cancelable: true });
      target.dispatchEvent(event);
      return event.defaultPrevented;
    };

    it('is refused (so the browser asks) only while a part is unsaved', () => {
      const target = new EventTarget();
      stop = askBeforeUnload(target);
      expect(unload(target)).toBe(false);
      useUiStore.getState().markUnsaved('practice', 'Practice');
      useUiStore.getState().markUnsaved('caps', 'Caps');
      expect(unload(target)).toBe(true);
      useUiStore.getState().markUnsaved('practice', null);
      expect(unload(target)).toBe(true);
      useUiStore.getState().markUnsaved('caps', null);
      expect(unload(target)).toBe(false);
    });

    it('refuses from the start when the page already has changes, and stops refusing once stopped', () => {
      useUiStore.getState().markUnsaved('practice', 'Practice');
      const target = new EventTarget();
      stop = askBeforeUnload(target);
      expect(unload(target)).toBe(true);
      stop();
      expect(unload(target)).toBe(false);
    });
  });
});
