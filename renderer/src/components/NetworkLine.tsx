import { networkHeadline } from '../../../shared/network.ts';
import { useSystemStore } from '../stores/systemStore.ts';
import { ProblemIcon } from './common/ProblemIcon.tsx';
import { networkLineIsProblem, networkLinePlacement } from './settings/network/networkText.ts';

/**
 * The header's words about the practice network: "In step with 2 PCs",
 * "Reception 2 not seen since 10:31". Nothing for a PC on its own. All in step
 * is said small under the date (`inline`), as a way to the Network page;
 * anything else has a line of its own below the header's row. Something wrong
 * carries a warning sign as well as its colour, and the words say what.
 */
export function NetworkLine({ now, onDetails, place }: { now: number; onDetails: () => void; place: 'inline' | 'line' }) {
  const network = useSystemStore((state) => state.network);
  const headline = network ? networkHeadline(network, now) : null;
  if (!network || headline === null || networkLinePlacement(network) !== place) return null;
  if (place === 'inline') {
    return (
      <button type="button" className="network-inline" onClick={onDetails}>
        <span className="network-ok" aria-hidden="true" />
        <span className="visually-hidden">Practice network: </span>
        {headline}
      </button>
    );
  }
  const problem = networkLineIsProblem(network);
  return (
    <div className={problem ? 'network-line network-line-problem' : 'network-line'}>
      <p className="network-headline">
        {problem && <ProblemIcon />}
        <span className="visually-hidden">Practice network: </span>
        {headline}
      </p>
      <button type="button" className="network-details" onClick={onDetails}>
        Network details
      </button>
    </div>
  );
}
