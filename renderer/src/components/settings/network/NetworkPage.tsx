import { useEffect, useState } from 'react';
import type { NetworkStatus } from '../../../../../shared/network.ts';
import { NETWORK_PAGE_POLL_MS, useSystemStore } from '../../../stores/systemStore.ts';
import { useAnnounce } from '../../common/announce.ts';
import { useNow } from '../../common/useNow.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { JoinCodeSection } from './JoinCodeSection.tsx';
import { NetworkAddresses } from './NetworkAddresses.tsx';
import { NetworkJoin } from './NetworkJoin.tsx';
import { NetworkMembers } from './NetworkMembers.tsx';
import { catchUpProgress, stateText } from './networkText.ts';
import { ProblemIcon } from '../../common/ProblemIcon.tsx';
import { ThisPc } from './ThisPc.tsx';

/**
 * The practice network, for the practice manager: this PC, the other PCs and
 * how each is doing, the join code, the addresses to try and leaving. Read
 * again every few seconds while it is open, as well as on every change the
 * core tells of, since "last seen" times move on their own.
 */
export function NetworkPage() {
  const network = useSystemStore((state) => state.network);
  const now = useNow(NETWORK_PAGE_POLL_MS);

  useEffect(() => {
    const { loadNetwork } = useSystemStore.getState();
    void loadNetwork();
    const poll = setInterval(() => void loadNetwork(), NETWORK_PAGE_POLL_MS);
    return () => clearInterval(poll);
  }, []);

  if (!network) return <p className="muted">Reading the practice network…</p>;
  if (network.state === 'not_joined') return <NetworkJoin network={network} now={now} />;
  return <JoinedNetwork network={network} now={now} />;
}

function JoinedNetwork({ network, now }: { network: NetworkStatus; now: number }) {
  const progress = catchUpProgress(network);
  const problem = network.state === 'stopped';
  return (
    <div className="settings network-page">
      <div className="settings-column">
        <section className="panel settings-section" aria-labelledby="network-this-pc">
          <h2 id="network-this-pc" tabIndex={-1}>
            This PC in the practice network
          </h2>
          <ThisPc network={network} />
          <p className={problem ? 'network-state network-state-problem' : 'network-state'}>
            {problem && <ProblemIcon />}
            {stateText(network, now)}
          </p>
          {progress && (
            <div className="catch-up">
              <label htmlFor="catch-up-bar">Catching up with the other PCs</label>
              <progress id="catch-up-bar" value={progress.value} max={progress.max} aria-describedby="catch-up-text" />
              <p id="catch-up-text" className="field-note">
                {progress.text} This PC can record as usual meanwhile.
              </p>
            </div>
          )}
          {network.problems.length > 0 && (
            <div className="network-problems">
              <h3>
                <ProblemIcon />
                {network.problems.length === 1 ? 'A problem to look at' : `${network.problems.length} problems to look at`}
              </h3>
              <ul>
                {network.problems.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            </div>
          )}
        </section>
        <NetworkMembers network={network} now={now} />
      </div>
      <div className="settings-column">
        <JoinCodeSection />
        <NetworkAddresses network={network} />
        <LeaveSection />
      </div>
    </div>
  );
}

function LeaveSection() {
  const leaveNetwork = useSystemStore((state) => state.leaveNetwork);
  const announce = useAnnounce();
  const [asking, setAsking] = useState(false);
  return (
    <section className="panel settings-section" aria-labelledby="network-leave">
      <h2 id="network-leave">Leave the network</h2>
      <p className="muted">This PC stops sharing with the others and forgets the join code. Everything recorded stays, here and on the other PCs.</p>
      <div className="actions">
        <button type="button" onClick={() => setAsking(true)}>
          Leave the network…
        </button>
      </div>
      {asking && (
        <ConfirmDialog
          title="Leave the practice network?"
          keepLabel="Stay in the network"
          doLabel="Leave the network"
          onConfirm={leaveNetwork}
          onClose={() => setAsking(false)}
          onDone={() => {
            announce('This PC has left the practice network. Everything recorded stays.');
            // Once the page has changed to the one for a PC on its own.
            requestAnimationFrame(() => document.getElementById('network-create')?.focus());
          }}
        >
          <p>This PC will stop sharing with the other PCs and forget the join code. Its board will then count only what is recorded here.</p>
          <p>Everything recorded stays: this PC keeps what it has, and the other PCs keep what this PC shared with them.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
