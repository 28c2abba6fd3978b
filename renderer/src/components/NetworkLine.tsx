import { networkHeadline } from '../../../shared/network.ts';
import { useSystemStore } from '../stores/systemStore.ts';
import { ProblemIcon } from './common/ProblemIcon.tsx';
import { networkLineIsProblem } from './settings/network/networkText.ts';

/**
 * The header's line about the practice network, in words: "In step with 2 PCs",
 * "Reception 2 not seen since 10:31". Nothing for a PC on its own. Something
 * wrong carries a warning sign as well as its colour, and the words say what.
 */
export function NetworkLine({ now, onDetails }: { now: number; onDetails: () => void }) {
  const network = useSystemStore((state) => state.network);
  const headline = network ? networkHeadline(network, now) : null;
  if (!network || headline === null) return null;
  const problem = networkLineIsProblem(network);
  return (
    <div className={problem ? 'network-line network-line-problem' : 'network-line'}>
      <p className="network-headline">
        {problem ? <ProblemIcon /> : <span className="network-ok" aria-hidden="true" />}
        <span className="visually-hidden">Practice network: </span>
        {headline}
      </p>
      <button type="button" className="network-details" onClick={onDetails}>
        Network details
      </button>
    </div>
  );
}
