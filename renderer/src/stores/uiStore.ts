import { create } from 'zustand';

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
  show: (screen: Screen) => void;
  setCompact: (compact: boolean) => void;
}

/** Which screen is showing. Not data: nothing here comes from the core. */
export const useUiStore = create<UiState>()((set) => ({
  screen: 'reception',
  compact: false,
  show: (screen) => set({ screen }),
  setCompact: (compact) => set({ compact }),
}));
