import { create } from 'zustand';

interface AnnounceState {
  message: string;
  tone: 'info' | 'error';
  /** The screen the message is about (null: about none in particular): it shows only there, and goes when that screen is left. */
  screen: string | null;
  serial: number;
  announce: (message: string, tone?: 'info' | 'error', screen?: string | null) => void;
  clear: () => void;
}

/** The one polite live region: what just happened, for screen readers and for a glance. */
export const useAnnounceStore = create<AnnounceState>()((set) => ({
  message: '',
  tone: 'info',
  screen: null,
  serial: 0,
  announce: (message, tone = 'info', screen = null) => set((state) => ({ message, tone, screen, serial: state.serial + 1 })),
  clear: () => set((state) => (state.message === '' ? state : { message: '', tone: 'info', screen: null, serial: state.serial + 1 })),
}));
