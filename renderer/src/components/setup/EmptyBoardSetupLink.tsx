import { useSetupStore } from '../../stores/setupStore.ts';

/** What the board says before anyone is on it: the way to the setup. */
export function EmptyBoardSetupLink() {
  const openSetup = useSetupStore((state) => state.openSetup);
  return (
    <p className="empty">
      No clinicians yet.{' '}
      <button type="button" className="link-button" onClick={() => openSetup('practice')}>
        Open the setup
      </button>{' '}
      to add them (typed in or from a CSV file), with their usual week and the local services’ numbers.
    </p>
  );
}
