import { useSetupStore } from '../../stores/setupStore.ts';
import { useSystemStore } from '../../stores/systemStore.ts';

/** What the board says before anyone is on it: the way to the setup, or, in a practice network, that they come from the other PCs. */
export function EmptyBoardSetupLink() {
  const openSetup = useSetupStore((state) => state.openSetup);
  const joined = useSystemStore((state) => state.network !== null && state.network.state !== 'not_joined');
  if (joined) {
    return <p className="empty">No clinicians here yet: they come from the other PCs in the practice network, as soon as this PC hears from one of them.</p>;
  }
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
