import { useState, type SyntheticEvent } from 'react';
import { readJoinCode, type NetworkStatus } from '../../../../../shared/network.ts';
import { errorOf, type FormError } from '../../../stores/result.ts';
import { useSystemStore } from '../../../stores/systemStore.ts';
import { useAnnounce } from '../../common/announce.ts';
import { ErrorMessage } from '../../common/fields.tsx';
import { useOneAtATime } from '../sectionSave.tsx';
import { ThisPc } from './ThisPc.tsx';
import { joinCodeNote, stateText } from './networkText.ts';

/**
 * A PC that is not in a practice network: the first PC creates one; every
 * other PC joins it by typing the join code shown on a PC already in it. The
 * code is checked as it is typed, and again by the core.
 */
export function NetworkJoin({ network, now }: { network: NetworkStatus; now: number }) {
  const createNetwork = useSystemStore((state) => state.createNetwork);
  const joinNetwork = useSystemStore((state) => state.joinNetwork);
  const announce = useAnnounce();
  const [code, setCode] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const [createError, setCreateError] = useState<FormError | null>(null);
  const { busy, run } = useOneAtATime();
  const note = joinCodeNote(code);

  const focusPage = () => requestAnimationFrame(() => document.getElementById('network-this-pc')?.focus());

  async function create() {
    const result = await run(createNetwork);
    if (!result) return;
    setCreateError(errorOf(result));
    if (!result.ok) return;
    announce(`Practice network created. Its join code is ${result.value.joinCode}: type it at each other PC.`);
    focusPage();
  }

  async function join(event: SyntheticEvent) {
    event.preventDefault();
    const reading = readJoinCode(code);
    if (!reading.ok) {
      setError({ message: reading.message, field: 'code' });
      return;
    }
    const result = await run(() => joinNetwork(reading.code));
    if (!result) return;
    setError(errorOf(result));
    if (!result.ok) return;
    announce('This PC has joined the practice network. It finds the other PCs in a moment; if it does not, type the address of one of them on this page.');
    focusPage();
  }

  const invalid = error?.field === 'code' || note.tone === 'error';
  return (
    <div className="settings network-page">
      <div className="settings-column">
        <section className="panel settings-section" aria-labelledby="network-alone">
          <h2 id="network-alone">This PC</h2>
          <ThisPc network={network} />
          <p className="network-state">{stateText(network, now)}</p>
          <p className="muted">
            In a practice with several PCs, put them in one practice network: every board then shows the same counts, and each PC carries on recording when the
            network is down.
          </p>
        </section>
        <section className="panel settings-section" aria-labelledby="network-create">
          <h2 id="network-create" tabIndex={-1}>
            Create a practice network
          </h2>
          <p>Do this once, on the first PC only. It shows a join code to type at each of the other PCs.</p>
          <ErrorMessage error={createError} id="network-create-error" />
          <div className="actions">
            <button type="button" aria-disabled={busy || undefined} onClick={() => void create()}>
              Create a practice network
            </button>
          </div>
        </section>
      </div>
      <div className="settings-column">
        <section className="panel settings-section" aria-labelledby="network-join">
          <h2 id="network-join">Join a practice network</h2>
          <p>On a PC already in the network, open Settings, then “Practice network”: its join code is shown there. Type it here.</p>
          <form onSubmit={(event) => void join(event)}>
            <label className="field">
              Join code
              <input
              className="join-code-input"
              value={code}
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="characters"
              placeholder="XXXX-XXXX-XXXX-XXXX-X"
              aria-invalid={invalid || undefined}
              aria-describedby={error ? 'join-code-error' : 'join-code-note'}
              onChange={(event) => {
                setCode(event.target.value.slice(0, 60));
                setError(null);
              }}
            />
            </label>
            {error === null && (
              <p id="join-code-note" className={`field-note join-code-note join-code-note-${note.tone}`}>
                {note.tone === 'error' && <strong>Not right yet: </strong>}
                {note.text}
              </p>
            )}
            <ErrorMessage error={error} id="join-code-error" />
            <div className="actions">
              <button type="submit" className="primary" aria-disabled={busy || undefined}>
                Join the network
              </button>
            </div>
          </form>
        </section>
      </div>
    </div>
  );
}
