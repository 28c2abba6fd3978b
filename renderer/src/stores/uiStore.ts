import { create } from 'zustand';
import { fail, type Envelope } from '../../../shared/result.ts';
import { api } from '../api/client.ts';
import { useAnnounceStore } from './announceStore.ts';

export const SCREENS = ['reception', 'clinician', 'rota', 'clinicians', 'services', 'reports', 'action', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

export const SCREEN_LABELS: Record<Screen, string> = {
  reception: 'Reception',
  clinician: 'My day',
  rota: 'Rota',
  clinicians: 'Clinicians',
  services: 'Services',
  reports: 'Reports',
  action: 'Collective action',
  settings: 'Settings',
};

/** The Settings screen's tabs: the practice's and this PC's settings, the practice network, this PC's backups and patient identifiers, staff and the audit trail. */
export const SETTINGS_TABS = ['practice', 'network', 'backups', 'identifiers', 'staff', 'audit'] as const;
export type SettingsTab = (typeof SETTINGS_TABS)[number];

export const SETTINGS_TAB_LABELS: Record<SettingsTab, string> = {
  practice: 'Practice and this PC',
  staff: 'Staff',
  audit: 'Audit trail',
  network: 'Practice network',
  backups: 'Backups',
  identifiers: 'Patient identifiers',
};

const NO_COMPACT_WINDOW = 'The small always-on-top window is only in the desktop app. In a browser, make the window smaller instead.';

interface UiState {
  screen: Screen;
  /** The tab the Settings screen shows. */
  settingsTab: SettingsTab;
  /** The small always-on-top window is showing. */
  compact: boolean;
  /** The parts of the screen showing with changes not saved yet ("Not saved yet"), by marker: the part's name. */
  unsaved: Record<string, string>;
  /**
   * Somewhere else was asked for (another screen, another tab of Reports) while
   * changes were not saved: the question "Leave without saving?" is open. `to`
   * names where, as the question says it ("Reports", "the “Export” tab").
   */
  leaving: { to: string; leave: () => void } | null;
  /** Shows a screen at once. The message bar is cleared: what it said was about the screen being left. */
  show: (screen: Screen) => void;
  /** Shows a screen, asking first when the screen showing has changes not saved yet. */
  go: (screen: Screen) => void;
  /** Shows a tab of the Settings screen (from anywhere), asking first, as `go` does, while changes are not saved. */
  openSettings: (tab: SettingsTab) => void;
  /** Leaves what is showing for somewhere else on the same screen (`leave` goes there), asking first, as `go` does, while changes are not saved. */
  leaveFor: (to: string, leave: () => void) => void;
  /** Answers to the question: stay with the changes, or leave them and go. */
  keepEditing: () => void;
  discardAndLeave: () => void;
  markUnsaved: (marker: string, name: string | null) => void;
  /** Shrinks the window to the small always-on-top panel, or gives it back its size. */
  setCompact: (on: boolean) => Promise<Envelope<{ compact: boolean }>>;
}

/** Whether this window can become the small always-on-top panel (a browser tab cannot). */
export function canCompact(): boolean {
  return api().setCompact !== undefined;
}

/** Which screen is showing, whether it may be left without asking, and the window's size. Not data: nothing here comes from the core. */
export const useUiStore = create<UiState>()((set, get) => ({
  screen: 'reception',
  settingsTab: 'practice',
  compact: false,
  unsaved: {},
  leaving: null,
  show: (screen) => {
    // Every route to a screen comes here: a message (a red error bar too) stays behind with the screen it was about.
    useAnnounceStore.getState().clear();
    set({ screen, leaving: null });
  },
  go: (screen) => {
    if (screen === get().screen) get().show(screen);
    else get().leaveFor(SCREEN_LABELS[screen], () => get().show(screen));
  },
  openSettings: (tab) => {
    const { screen, settingsTab } = get();
    if (screen === 'settings' && settingsTab === tab) return;
    get().leaveFor(screen === 'settings' ? `the “${SETTINGS_TAB_LABELS[tab]}” tab` : SCREEN_LABELS.settings, () => {
      if (get().screen !== 'settings') get().show('settings');
      set({ settingsTab: tab });
    });
  },
  leaveFor: (to, leave) => {
    if (Object.keys(get().unsaved).length > 0) set({ leaving: { to, leave } });
    else leave();
  },
  keepEditing: () => set({ leaving: null }),
  discardAndLeave: () => {
    const { leaving } = get();
    if (leaving === null) return;
    set({ leaving: null });
    leaving.leave();
  },
  markUnsaved: (marker, name) =>
    set((state) => {
      if (name !== null) return state.unsaved[marker] === name ? state : { unsaved: { ...state.unsaved, [marker]: name } };
      if (!(marker in state.unsaved)) return state;
      return { unsaved: Object.fromEntries(Object.entries(state.unsaved).filter(([key]) => key !== marker)) };
    }),
  async setCompact(on) {
    const shrink = api().setCompact;
    const result = shrink ? await shrink(on) : fail('not_available', NO_COMPACT_WINDOW);
    // Back to the full page whatever the answer: a full page in a small window beats being stuck in it.
    if (result.ok || !on) set({ compact: result.ok ? result.value.compact : false });
    return result;
  },
}));

/**
 * While any part of the page has changes not saved yet, closing or reloading
 * the window asks first: in a browser its own question; in the desktop app the
 * shell's (main/desktop-shell/unloadGuard.ts). Listened for only while there
 * is something to lose, so a page with nothing unsaved closes at once.
 */
export function askBeforeUnload(target: Pick<Window, 'addEventListener' | 'removeEventListener'>): () => void {
  const ask = (event: Event) => event.preventDefault();
  let asking = false;
  const follow = ({ unsaved }: Pick<UiState, 'unsaved'>) => {
    const needed = Object.keys(unsaved).length > 0;
    if (needed === asking) return;
    asking = needed;
    if (needed) target.addEventListener('beforeunload', ask);
    else target.removeEventListener('beforeunload', ask);
  };
  follow(useUiStore.getState());
  const stop = useUiStore.subscribe(follow);
  return () => {
    stop();
    follow({ unsaved: {} });
  };
}
