import { create } from 'zustand';
import { fail, type Envelope } from '../../../shared/result.ts';
import { api } from '../api/client.ts';

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

const NO_COMPACT_WINDOW = 'The small always-on-top window is only in the desktop app. In a browser, make the window smaller instead.';

interface UiState {
  screen: Screen;
  /** The small always-on-top window is showing. */
  compact: boolean;
  show: (screen: Screen) => void;
  /** Shrinks the window to the small always-on-top panel, or gives it back its size. */
  setCompact: (on: boolean) => Promise<Envelope<{ compact: boolean }>>;
}

/** Whether this window can become the small always-on-top panel (a browser tab cannot). */
export function canCompact(): boolean {
  return api().setCompact !== undefined;
}

/** Which screen is showing, and the window's size. Not data: nothing here comes from the core. */
export const useUiStore = create<UiState>()((set) => ({
  screen: 'reception',
  compact: false,
  show: (screen) => set({ screen }),
  async setCompact(on) {
    const shrink = api().setCompact;
    const result = shrink ? await shrink(on) : fail('not_available', NO_COMPACT_WINDOW);
    // Back to the full page whatever the answer: a full page in a small window beats being stuck in it.
    if (result.ok || !on) set({ compact: result.ok ? result.value.compact : false });
    return result;
  },
}));
