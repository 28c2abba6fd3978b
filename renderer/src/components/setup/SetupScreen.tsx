import { useEffect, useRef } from 'react';
import { SETUP_STEP_LABELS, SETUP_STEPS } from '../../../../shared/setup.ts';
import { useSetupStore } from '../../stores/setupStore.ts';
import { useUiStore } from '../../stores/uiStore.ts';
import { CliniciansStep } from './CliniciansStep.tsx';
import { PracticeStep } from './PracticeStep.tsx';
import { ServicesStep } from './ServicesStep.tsx';
import '../../styles/setup.css';

const STEP_COMPONENTS = { practice: PracticeStep, clinicians: CliniciansStep, services: ServicesStep } as const;

/**
 * The first-run setup, three short steps on one screen. Ctrl+Enter goes on from
 * any step (the Continue button says so), and each step puts the focus on its
 * first field, so the whole setup can be done from the keyboard.
 */
export function SetupScreen() {
  const step = useSetupStore((state) => state.step);
  const root = useRef<HTMLElement>(null);
  const Step = STEP_COMPONENTS[step];
  const index = SETUP_STEPS.indexOf(step);

  // A step without a first field to focus (still loading) gives its heading the focus, so the keyboard is never lost.
  useEffect(() => {
    const element = root.current;
    if (!element || element.contains(document.activeElement)) return;
    element.querySelector<HTMLElement>('.setup-step-title')?.focus();
  }, [step]);

  // Ctrl+Enter goes on wherever the focus is (even nowhere, after a button that has gone), unless a dialog is open.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      root.current?.querySelector<HTMLButtonElement>('button[data-continue]')?.click();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  return (
      <section ref={root} className="setup" aria-labelledby="setup-title">
        <header className="setup-head">
          <h2 id="setup-title">Set up ContactCap</h2>
          <StepList />
          <JoinInstead />
        </header>
        <div className="setup-step" role="group" aria-labelledby="setup-step-title">
          <h3 id="setup-step-title" className="setup-step-title" tabIndex={-1}>
            Step {index + 1} of {SETUP_STEPS.length}: {SETUP_STEP_LABELS[step]}
          </h3>
          <Step key={step} />
        </div>
      </section>
  );
}

/**
 * A PC added to a practice that already uses ContactCap takes its clinicians,
 * rota and settings from the other PCs: it joins their network instead.
 */
function JoinInstead() {
  const leave = useSetupStore((state) => state.leave);
  const openSettings = useUiStore((state) => state.openSettings);
  return (
    <p className="setup-join">
      Another PC in this practice already has ContactCap?{' '}
      <button type="button" className="quiet" onClick={() => void leave(() => openSettings('network'))}>
        Join its practice network instead
      </button>
    </p>
  );
}

/** Where the setup is, and a way to any step (what the step showing has typed is saved first). */
function StepList() {
  const step = useSetupStore((state) => state.step);
  const goTo = useSetupStore((state) => state.goTo);
  return (
    <nav aria-label="Setup steps">
      <ol className="setup-steps">
        {SETUP_STEPS.map((name, position) => (
          <li key={name}>
            <button
              type="button"
              className="setup-step-link"
              aria-current={name === step ? 'step' : undefined}
              onClick={() => void (name === step ? undefined : goTo(name))}
            >
              <span className="setup-step-number">{position + 1}</span> {SETUP_STEP_LABELS[name]}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
