import { previousStep, type SetupStep } from '../../../../shared/setup.ts';
import { useAnnounce } from '../common/announce.ts';
import { useSetupStore } from '../../stores/setupStore.ts';
import { ErrorMessage, KeyCap } from '../common/fields.tsx';
import type { FormError } from '../../stores/result.ts';
import { useOneAtATime } from '../settings/sectionSave.tsx';

/**
 * The end of every step: back, skip the setup, and go on. It sits inside the
 * step's form, so Continue (or Ctrl+Enter) saves the step first. Buttons show
 * busy with aria-disabled, so the focus stays on them.
 */
export function StepFooter({ step, error, errorId, busy, continueLabel = 'Save and continue' }: {
  step: SetupStep;
  error: FormError | null;
  errorId: string;
  busy: boolean;
  continueLabel?: string;
}) {
  const goTo = useSetupStore((state) => state.goTo);
  const skip = useSetupStore((state) => state.skip);
  const announce = useAnnounce();
  const skipping = useOneAtATime();
  const back = previousStep(step);

  async function skipSetup() {
    const result = await skipping.run(skip);
    if (!result) return;
    if (result.ok) announce('Setup skipped. Open it again from Settings whenever you are ready.');
    else announce(result.error.message, 'error');
  }

  return (
    <div className="setup-footer">
      <ErrorMessage error={error} id={errorId} />
      <div className="setup-footer-buttons">
        {back && (
          <button type="button" onClick={() => void goTo(back)}>
            Back
          </button>
        )}
        <button type="button" className="quiet setup-skip" aria-disabled={skipping.busy || undefined} onClick={() => void skipSetup()}>
          Skip setup for now
        </button>
        <button type="submit" className="primary" data-continue="" aria-disabled={busy || undefined}>
          {continueLabel} <KeyCap>Ctrl+Enter</KeyCap>
        </button>
      </div>
    </div>
  );
}
