import { create } from 'zustand';
import type { PracticeSettings } from '../../../shared/settings.ts';
import type { Envelope } from '../../../shared/result.ts';
import { setupOpensByItself, type SetupStep } from '../../../shared/setup.ts';
import { api } from '../api/client.ts';
import { useSettingsStore } from './settingsStore.ts';
import { useUiStore } from './uiStore.ts';

type StepSave = () => Promise<boolean>;

/**
 * What the showing step has typed but not saved: saved before the setup moves
 * anywhere else (Back, Skip, another step, another screen), so nothing typed is
 * lost on the way. A step that cannot save (bad input) shows why and stays.
 */
let stepSave: StepSave | null = null;

/** The showing step's save-on-leave; returns the clean-up that forgets it. */
export function registerStepSave(save: StepSave): () => void {
  stepSave = save;
  return () => {
    if (stepSave === save) stepSave = null;
  };
}

interface SetupStoreState {
  /** The start-up check has answered: until then neither the setup nor the desk's "Who is at this desk?" opens. */
  checked: boolean;
  open: boolean;
  step: SetupStep;
  /** Opens the setup by itself on a new install (shared/setup.ts says when). */
  checkFirstRun: () => Promise<void>;
  openSetup: (step?: SetupStep) => void;
  /** Saves the showing step, then shows another; false (and it stays) if the step could not save. */
  goTo: (step: SetupStep) => Promise<boolean>;
  /** Shows the next step once the showing one has saved itself (its Continue). */
  continueTo: (step: SetupStep) => void;
  /** Saves the showing step, then leaves the setup without saying it was done or skipped (another screen was chosen). */
  leave: (then: () => void) => Promise<boolean>;
  /** Saves the showing step, records that the practice skipped the setup (it stays done if it was), and shows the board. */
  skip: () => Promise<Envelope<PracticeSettings> | null>;
  /** Records that the setup is done, and shows the board. */
  finish: () => Promise<Envelope<PracticeSettings>>;
}

const saveStep = (): Promise<boolean> => (stepSave ? stepSave() : Promise.resolve(true));

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
      const [settings, clinicians, network] = await Promise.all([
        api().call('settings.get', {}),
        api().call('clinician.list', { includeInactive: true }),
        api().call('network.status', {}),
      ]);
      // If any cannot be read, the desk comes first: the setup can still be opened from Settings.
      // A PC in a practice network takes the practice's setup from the other PCs, even before it has caught up.
      const joined = !network.ok || network.value.state !== 'not_joined';
      const opens = settings.ok && clinicians.ok && !joined && setupOpensByItself(settings.value.setup, clinicians.value.length);
      set({ checked: true, ...(opens ? { open: true, step: 'practice' } : {}) });
    },
    openSetup: (step = 'practice') => set({ open: true, step }),
    async goTo(step) {
      if (!(await saveStep())) return false;
      set({ step });
      return true;
    },
    continueTo: (step) => set({ step }),
    async leave(then) {
      if (get().open && !(await saveStep())) return false;
      set({ open: false });
      then();
      return true;
    },
    async skip() {
      if (!(await saveStep())) return null;
      return end('skipped');
    },
    finish: () => end('done'),
  };
});
