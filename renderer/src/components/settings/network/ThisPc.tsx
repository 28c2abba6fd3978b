import type { NetworkStatus } from '../../../../../shared/network.ts';

/** This PC's name and its id in the network. */
export function ThisPc({ network }: { network: NetworkStatus }) {
  return (
    <dl className="network-facts">
      <div>
        <dt>PC name</dt>
        <dd>
          <strong>{network.thisPc.name}</strong> <span className="muted">(change it on the “Practice and this PC” tab)</span>
        </dd>
      </div>
      <div>
        <dt>Network id</dt>
        <dd className="device-id">{network.thisPc.deviceId}</dd>
      </div>
    </dl>
  );
}
