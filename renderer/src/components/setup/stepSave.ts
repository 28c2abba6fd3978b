import { createContext, useContext, useEffect } from 'react';

type Save = () => Promise<boolean>;

/**
 * What the showing step has typed but not saved, saved before the setup moves
 * anywhere else (Back, Skip, a step's name in the list), so nothing typed is
 * lost on the way. A step that cannot save (bad input) says so and stays.
 */
export interface StepSave {
  /** The step's save-on-leave; returns the clean-up that forgets it. */
  register: (save: Save) => () => void;
  /** True when there was nothing to save or it saved. */
  run: () => Promise<boolean>;
}

export function createStepSave(): StepSave {
  let current: Save | null = null;
  return {
    register(save) {
      current = save;
      return () => {
        if (current === save) current = null;
      };
    },
    run: () => (current ? current() : Promise.resolve(true)),
  };
}

export const StepSaveContext = createContext<StepSave>(createStepSave());

/** The step's save-on-leave; the latest one counts. */
export function useSaveOnLeave(save: Save): void {
  const slot = useContext(StepSaveContext);
  useEffect(() => slot.register(save));
}

/** Runs the step's save, then `then` if it saved (undefined if it did not). */
export function useLeaveStep(): <T>(then: () => T | Promise<T>) => Promise<T | undefined> {
  const slot = useContext(StepSaveContext);
  return async (then) => ((await slot.run()) ? then() : undefined);
}
