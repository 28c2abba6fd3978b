import { useEffect } from 'react';
import { registerStepSave } from '../../stores/setupStore.ts';

/**
 * A step's save-on-leave: what it has typed is saved before the setup goes
 * anywhere else (the latest render's save counts). Continue does its own,
 * stricter save and then moves on, so there is nothing left to save by then.
 */
export function useSaveOnLeave(save: () => Promise<boolean>): void {
  useEffect(() => registerStepSave(save));
}
