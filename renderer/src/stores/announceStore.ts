import { create } from 'zustand';

interface AnnounceState {
  message: string;
  tone: 'info' | 'error';
  serial: number;
  announce: (message: string, tone?: 'info' | 'error') => void;
}

/** The one polite live region: what just happened, for screen readers and for a glance. */
export const useAnnounceStore = create<AnnounceState>()((set) => ({
  message: '',
  tone: 'info',
  serial: 0,
  announce: (message, tone = 'info') => set((state) => ({ message, tone, serial: state.serial + 1 })),
}));
