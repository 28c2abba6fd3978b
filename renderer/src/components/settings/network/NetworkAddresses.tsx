import { useState, type SyntheticEvent } from 'react';
import { DEFAULT_NETWORK_PORT, type NetworkStatus } from '../../../../../shared/network.ts';
import type { InputOf } from '../../../../../shared/contract.ts';
import { useSystemStore } from '../../../stores/systemStore.ts';
import { describedField, parseWhole, SaveFooter, useSectionSave } from '../sectionSave.tsx';

interface Draft {
  addresses?: string;
  port?: string;
}

const ERROR_ID = 'network-addresses-error';

/** The addresses typed one per line, as the core keeps them: blank lines left out. */
function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * For networks that stop the PCs finding each other by themselves: the
 * addresses of other PCs to try, and the port the practice uses. The core
 * checks every address; a wrong one is named and nothing is changed.
 */
export function NetworkAddresses({ network }: { network: NetworkStatus }) {
  const configureNetwork = useSystemStore((state) => state.configureNetwork);
  const [draft, setDraft] = useState<Draft>({});
  const { error, setError, saving, save } = useSectionSave(configureNetwork, undefined, 'Addresses and port saved: this PC tries them now.');
  const saved = network.addresses.join('\n');
  const addresses = draft.addresses ?? saved;
  const portText = draft.port ?? String(network.port);
  const dirty = linesOf(addresses).join('\n') !== saved || portText.trim() !== String(network.port);

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    const port = parseWhole(portText);
    if (port === null || Number.isNaN(port)) {
      setError({ message: `Enter the port as a whole number from 1024 to 65535 (normally ${DEFAULT_NETWORK_PORT}).`, field: 'port' });
      return;
    }
    const lines = linesOf(addresses);
    const patch: InputOf<'network.configure'> = {
      ...(lines.join('\n') === saved ? {} : { addresses: lines }),
      ...(port === network.port ? {} : { port }),
    };
    if (await save(patch)) setDraft({});
  }

  return (
    <section className="panel settings-section" aria-labelledby="network-addresses">
      <h2 id="network-addresses">Addresses of other PCs</h2>
      <form onSubmit={(event) => void submit(event)}>
        <p className="muted">PCs in one practice usually find each other by themselves. Where the network stops that, type where to find the other PCs here.</p>
        <div className="field">
          <label htmlFor="network-address-list">Addresses, one per line</label>
          <textarea
            id="network-address-list"
            rows={3}
            value={addresses}
            spellCheck={false}
            placeholder={`192.168.1.20\nreception-2:${DEFAULT_NETWORK_PORT}`}
            {...describedField(error, 'addresses', ERROR_ID, 'network-address-note')}
            onChange={(event) => setDraft({ ...draft, addresses: event.target.value })}
          />
          <span id="network-address-note" className="field-note">
            A PC’s name or IP address, then optionally a colon and its port, such as 192.168.1.20 or 192.168.1.20:{DEFAULT_NETWORK_PORT}.
          </span>
        </div>
        <div className="field narrow">
          <label htmlFor="network-port">Port</label>
          <input
            id="network-port"
            value={portText}
            inputMode="numeric"
            {...describedField(error, 'port', ERROR_ID, 'network-port-note')}
            onChange={(event) => setDraft({ ...draft, port: event.target.value })}
          />
          <span id="network-port-note" className="field-note">
            The same on every PC of the practice (normally {DEFAULT_NETWORK_PORT}). The firewall must let other PCs in on it. Changing it restarts sharing on this PC.
          </span>
        </div>
        <SaveFooter error={error} errorId={ERROR_ID} dirty={dirty} busy={saving} label="Save addresses and port" />
      </form>
    </section>
  );
}
