import { create } from 'zustand';
import type { PracticeSettings } from '../../../shared/settings.ts';
import type { Envelope } from '../../../shared/result.ts';
import { setupOpensByItself, type SetupStep } from '../../../shared/setup.ts';
import { api } from '../api/client.ts';
import { useSettingsStore } from './settingsStore.ts';
import { useUiStore } from './uiStore.ts';

interface SetupStoreState {
  /** The start-up check has answered: until then neither the setup nor the desk's "Who is at this desk?" opens. */
  checked: boolean;
  open: boolean;
  step: SetupStep;
  /** Opens the setup by itself on a new install (shared/setup.ts says when). */
  checkFirstRun: () => Promise<void>;
  openSetup: (step?: SetupStep) => void;
  goTo: (step: SetupStep) => void;
  /** Leaves the setup without saying it was done or skipped (another screen was chosen). */
  leave: () => void;
  /** Records that the practice skipped the setup (it stays done if it was), and shows the board. */
  skip: () => Promise<Envelope<PracticeSettings>>;
  /** Records that the setup is done, and shows the board. */
  finish: () => Promise<Envelope<PracticeSettings>>;
}

/** The first-run setup: whether it is showing and at which step. What it saves goes through the domain stores. */
export const useSetupStore = create<SetupStoreState>()((set, get) => {
  const end = async (outcome: 'done' | 'skipped') => {
    const result = await useSettingsStore.getState().updateSettings({ setup: outcome });
    if (result.ok) {
      set({ open: false });
      useUiStore.getState().show('reception');
    }
    return result;
  };
  return {
    checked: false,
    open: false,
    step: 'practice',
    async checkFirstRun() {
      if (get().checked) return;
      const [settings, clinicians] = await Promise.all([api().call('settings.get', {}), api().call('clinician.list', { includeInactive: true })]);
      // If either cannot be read, the desk comes first: the setup can still be opened from Settings.
      const opens = settings.ok && clinicians.ok && setupOpensByItself(settings.value.setup, clinicians.value.length);
      set({ checked: true, ...(opens ? { open: true, step: 'practice' } : {}) });
    },
    openSetup: (step = 'practice') => set({ open: true, step }),
    goTo: (step) => set({ step }),
    leave: () => set({ open: false }),
    skip: () => end('skipped'),
    finish: () => end('done'),
  };
});
