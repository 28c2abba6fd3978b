import type { SetupState } from '../../../../shared/settings.ts';
import { useSetupStore } from '../../stores/setupStore.ts';

const STATE_TEXT: Record<SetupState, string> = {
  not_done: 'Not done yet.',
  skipped: 'Skipped for now.',
  done: 'Done.',
};

/** Settings: the first-run setup, to open again at any time. */
export function SetupSection({ state }: { state: SetupState }) {
  const openSetup = useSetupStore((store) => store.openSetup);
  return (
    <section className="panel settings-section" aria-labelledby="setup-section-heading">
      <h2 id="setup-section-heading">First-run setup</h2>
      <p>
        <strong>{STATE_TEXT[state]}</strong> The practice’s name and list size, the clinicians (typed in or from a CSV file) and their usual week, and the local
        services’ numbers, in three short steps.
      </p>
      <div className="actions left">
        <button type="button" onClick={() => openSetup('practice')}>
          Open the setup
        </button>
      </div>
    </section>
  );
}
