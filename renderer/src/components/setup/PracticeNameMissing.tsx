import { useSetupStore } from '../../stores/setupStore.ts';

/** Said wherever the practice's name would be printed, until it is set: never a stand-in name. */
export function PracticeNameMissing({ what }: { what: string }) {
  const openSetup = useSetupStore((state) => state.openSetup);
  return (
    <p className="field-note practice-name-missing no-print">
      The practice’s name is not set yet, so {what} leaves it out.{' '}
      <button type="button" className="link-button" onClick={() => openSetup('practice')}>
        Add the practice’s name
      </button>
    </p>
  );
}
