import { create } from 'zustand';
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

interface UiState {
  screen: Screen;
  /** The desktop app's small always-on-top window is showing. */
  compact: boolean;
  /** The parts of the screen showing with changes not saved yet ("Not saved yet"), by marker: the part's name. */
  unsaved: Record<string, string>;
  /** Another screen was asked for while changes were not saved: the question "Leave without saving?" is open. */
  leavingFor: Screen | null;
  /** Shows a screen at once. The message bar is cleared: what it said was about the screen being left. */
  show: (screen: Screen) => void;
  /** Shows a screen, asking first when the screen showing has changes not saved yet. */
  go: (screen: Screen) => void;
  /** Answers to the question: stay with the changes, or leave them and go. */
  keepEditing: () => void;
  discardAndLeave: () => void;
  markUnsaved: (marker: string, name: string | null) => void;
  setCompact: (compact: boolean) => void;
}

/** Which screen is showing, and whether it may be left without asking. Not data: nothing here comes from the core. */
export const useUiStore = create<UiState>()((set, get) => ({
  screen: 'reception',
  compact: false,
  unsaved: {},
  leavingFor: null,
  show: (screen) => {
    // Every route to a screen comes here: a message (a red error bar too) stays behind with the screen it was about.
    useAnnounceStore.getState().clear();
    set({ screen, leavingFor: null });
  },
  go: (screen) => {
    if (screen !== get().screen && Object.keys(get().unsaved).length > 0) set({ leavingFor: screen });
    else get().show(screen);
  },
  keepEditing: () => set({ leavingFor: null }),
  discardAndLeave: () => {
    const to = get().leavingFor;
    if (to !== null) get().show(to);
  },
  markUnsaved: (marker, name) =>
    set((state) => {
      if (name !== null) return state.unsaved[marker] === name ? state : { unsaved: { ...state.unsaved, [marker]: name } };
      if (!(marker in state.unsaved)) return state;
      return { unsaved: Object.fromEntries(Object.entries(state.unsaved).filter(([key]) => key !== marker)) };
    }),
  setCompact: (compact) => set({ compact }),
}));
