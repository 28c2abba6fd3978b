import type { SetupState } from './settings.ts';

/** The first-run setup's steps, in order (README: First-run setup). */
export const SETUP_STEPS = ['practice', 'clinicians', 'services'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

export const SETUP_STEP_LABELS: Record<SetupStep, string> = {
  practice: 'Your practice',
  clinicians: 'Clinicians and their week',
  services: 'Local services',
};

/**
 * Whether the setup opens by itself when the app starts: only on a new install,
 * that is a practice that has neither done nor skipped it and has no clinicians
 * at all (on or off the board). A practice already at work before the setup
 * existed is never interrupted by it; it can open it from Settings.
 */
export function setupOpensByItself(setup: SetupState, clinicianCount: number): boolean {
  return setup === 'not_done' && clinicianCount === 0;
}

/** The step before this one, or null before the first. */
export function previousStep(step: SetupStep): SetupStep | null {
  const index = SETUP_STEPS.indexOf(step);
  return index > 0 ? (SETUP_STEPS[index - 1] ?? null) : null;
}
