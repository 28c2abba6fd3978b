import { useState } from 'react';
import type { NetworkMember, NetworkStatus } from '../../../../../shared/network.ts';
import { useSystemStore } from '../../../stores/systemStore.ts';
import { useAnnounce } from '../../common/announce.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { behindText, seenText, skewText } from './networkText.ts';

/**
 * Every other PC this PC knows in the network: connected or when last seen,
 * how many of its records are still to come, its clock when it is far out,
 * and a way to remove it. A removed PC stays listed, marked, with its past records.
 */
export function NetworkMembers({ network, now }: { network: NetworkStatus; now: number }) {
  const removePc = useSystemStore((state) => state.removePc);
  const announce = useAnnounce();
  const [removing, setRemoving] = useState<NetworkMember | null>(null);
  const members = [...network.members].sort((a, b) => Number(a.removed) - Number(b.removed) || a.name.localeCompare(b.name, 'en-GB'));

  return (
    <section className="panel settings-section" aria-labelledby="network-members">
      <h2 id="network-members" tabIndex={-1}>
        Other PCs in the network
      </h2>
      {members.length === 0 ? (
        <p>
          No other PC has been seen yet. Join the other PCs with the join code on this page. If one has joined and still does not show here within a minute,
          type its address under “Addresses of other PCs”.
        </p>
      ) : (
        <ul className="network-members">
          {members.map((member) => (
            <li key={member.deviceId} className={member.removed ? 'network-member network-member-removed' : 'network-member'}>
              <div className="network-member-head">
                <h3>{member.name}</h3>
                {member.removed ? (
                  <span className="tag">Removed</span>
                ) : (
                  <span className={member.connected ? 'link-state link-up' : 'link-state link-down'}>
                    <span className="link-dot" aria-hidden="true" />
                    {seenText(member, now)}
                  </span>
                )}
              </div>
              {member.removed ? (
                <p className="muted">Removed from the network: its past records stay, and nothing new from it is accepted.</p>
              ) : (
                <>
                  <p className="network-member-detail">
                    {behindText(member)}
                    {member.address && <span className="muted"> · at {member.address}</span>}
                  </p>
                  {skewText(member) && <p className="network-member-detail network-skew">{skewText(member)}</p>}
                  <div className="actions">
                    <button type="button" aria-label={`Remove this PC… (${member.name})`} onClick={() => setRemoving(member)}>
                      Remove this PC…
                    </button>
                  </div>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.name} from the network?`}
          keepLabel="Keep it in the network"
          doLabel={`Remove ${removing.name}`}
          onConfirm={() => removePc(removing.deviceId)}
          onClose={() => setRemoving(null)}
          onDone={() => {
            announce(`${removing.name} was removed from the practice network. Its past records stay.`);
            // Its Remove button has gone: the focus goes to the list's heading, not to the top of the page.
            requestAnimationFrame(() => document.getElementById('network-members')?.focus());
          }}
        >
          <p>
            Its past records stay on every PC, in the counts and in the reports. Nothing new recorded on {removing.name} will be accepted by this PC or passed on to the
            others.
          </p>
          <p>Do this for a PC that is lost, broken or replaced. It cannot be undone from this page.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
