import { useRef, useState, type KeyboardEvent, type SyntheticEvent } from 'react';
import { STAFF_ROLE_LABELS } from '../../../../shared/staff.ts';
import { formatTime } from '../../format.ts';
import { errorOf, type FormError } from '../../stores/result.ts';
import { useSessionStore } from '../../stores/sessionStore.ts';
import { ErrorMessage, invalidIf, KeyCap } from '../common/fields.tsx';
import { Modal } from '../common/Modal.tsx';

const ERROR_ID = 'sign-in-error';

/**
 * "Who is at this desk?" in two or three keys: F8, the person's number, their
 * PIN and Enter. Esc carries on with nobody signed in: patients are still
 * recorded (as "not signed in"); only the managers' pages need a sign-in.
 */
export function SignInDialog() {
  const staff = useSessionStore((state) => state.staff);
  const session = useSessionStore((state) => state.session);
  const signIn = useSessionStore((state) => state.signIn);
  const signOut = useSessionStore((state) => state.signOut);
  const stopAsking = useSessionStore((state) => state.stopAsking);
  const [chosen, setChosen] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const [busy, setBusy] = useState(false);
  const pinBox = useRef<HTMLInputElement>(null);
  const person = staff.find((member) => member.id === chosen) ?? null;

  function choose(staffId: string) {
    setChosen(staffId);
    setPin('');
    setError(null);
    pinBox.current?.focus();
  }

  /** A number picks the person with it, unless the PIN box is being typed in. */
  function onKeyDown(event: KeyboardEvent<HTMLDialogElement>) {
    if (event.target === pinBox.current || event.ctrlKey || event.altKey || event.metaKey) return;
    const index = '123456789'.indexOf(event.key);
    const member = index >= 0 ? staff[index] : undefined;
    if (member) {
      event.preventDefault();
      choose(member.id);
    }
  }

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (busy) return;
    if (!person) {
      setError({ message: 'Choose your name first: press its number, or click it.' });
      return;
    }
    setBusy(true);
    const result = await signIn(person.id, pin);
    setBusy(false);
    if (!result.ok) {
      setError(errorOf(result) ?? { message: result.error.message });
      setPin('');
      pinBox.current?.focus();
    }
  }

  return (
    <Modal title="Who is at this desk?" onClose={stopAsking} onKeyDown={onKeyDown} focusDialog>
      <form onSubmit={(event) => void submit(event)} className="sign-in">
        <p className="dialog-lead">
          Press your number, type your PIN, then <KeyCap>Enter</KeyCap>. Patients can be recorded without signing in (<KeyCap>Esc</KeyCap>): their records then say “not signed in”.
        </p>
        {session?.staff && (
          <p className="sign-in-current">
            Signed in now: <strong>{session.staff.name}</strong> ({STAFF_ROLE_LABELS[session.staff.role]})
          </p>
        )}
        <ul className="sign-in-people" aria-label="Staff">
          {staff.map((member, index) => {
            const selected = member.id === chosen;
            return (
              <li key={member.id}>
                <button type="button" aria-pressed={selected} className={selected ? 'sign-in-person selected' : 'sign-in-person'} onClick={() => choose(member.id)}>
                  {index < 9 && <KeyCap>{String(index + 1)}</KeyCap>} <span className="sign-in-name">{member.name}</span>{' '}
                  <span className="muted">{STAFF_ROLE_LABELS[member.role]}</span>
                  {member.lockedUntil !== null && <span className="sign-in-locked"> · locked until {formatTime(member.lockedUntil)}</span>}
                  {selected && <span className="sign-in-chosen"> ✓ chosen</span>}
                </button>
              </li>
            );
          })}
        </ul>
        <label className="field">
          {person ? `PIN for ${person.name}` : 'PIN'}
          <input
            ref={pinBox}
            type="password"
            inputMode="numeric"
            autoComplete="off"
            name="pin"
            maxLength={8}
            value={pin}
            onChange={(event) => setPin(event.target.value)}
            {...invalidIf(error, 'pin', ERROR_ID)}
          />
        </label>
        <ErrorMessage error={error} id={ERROR_ID} />
        <div className="actions">
          {session?.staff && (
            <button type="button" onClick={() => void signOut()}>
              Sign {session.staff.name} out
            </button>
          )}
          <button type="button" onClick={stopAsking}>
            Carry on without signing in
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Sign in
          </button>
        </div>
      </form>
    </Modal>
  );
}
