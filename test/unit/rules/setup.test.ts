import { describe, expect, it } from 'vitest';
import { previousStep, SETUP_STEPS, setupOpensByItself } from '../../../shared/setup.ts';

describe('when the first-run setup opens by itself', () => {
  it('opens on a new install only: never done or skipped, and not one clinician, on the board or off it', () => {
    expect(setupOpensByItself('not_done', 0)).toBe(true);
    expect(setupOpensByItself('not_done', 1)).toBe(false);
    expect(setupOpensByItself('skipped', 0)).toBe(false);
    expect(setupOpensByItself('done', 0)).toBe(false);
    expect(setupOpensByItself('done', 12)).toBe(false);
  });
});

describe('the setup’s steps', () => {
  it('go practice, clinicians and their week, then local services', () => {
    expect(SETUP_STEPS).toEqual(['practice', 'clinicians', 'services']);
    expect(previousStep('practice')).toBeNull();
    expect(previousStep('clinicians')).toBe('practice');
    expect(previousStep('services')).toBe('clinicians');
  });
});
