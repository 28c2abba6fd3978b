import { useEffect, useState } from 'react';
import { useDeskFlow } from '../../stores/deskFlow.ts';
import { UNDO_WINDOW_MS, useDeskStore } from '../../stores/deskStore.ts';
import { KeyCap } from '../common/fields.tsx';

/**
 * The desk's one line about its last action, always in the same place above the
 * board so it never covers a button: a record being saved, a record that could
 * not be saved (until it is tried again or put aside), what was just voided, or
 * what was just recorded, with Undo for ten seconds. Every desk action says what
 * it did here, and only here.
 */
export function DeskStatus({ notice = null }: { notice?: string | null }) {
  const saving = useDeskStore((state) => state.saving);
  const lastAction = useDeskStore((state) => state.lastAction);
  const undo = useDeskStore((state) => state.undo);
  const failed = useDeskFlow((state) => state.failed);
  const hint = useDeskFlow((state) => state.hint);
  const queued = useDeskFlow((state) => state.queued);
  // While the record step still shows (for a moment after Enter), it says what is being saved; nothing here changes.
  const leaving = useDeskFlow((state) => state.leaving);
  const undone = useDeskStore((state) => state.undone);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (!lastAction) return;
    const tick = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(tick);
  }, [lastAction]);


  if (failed) {
    return (
      <div className="desk-status desk-status-failed" role="alert">
        <p>
          <strong>Could not confirm it was saved: {failed.sentence}.</strong> {failed.message}
          {failed.keysNotUsed > 0 &&
            ` ${failed.keysNotUsed === 1 ? 'The key' : `The ${failed.keysNotUsed} keys`} you pressed after it ${failed.keysNotUsed === 1 ? 'was' : 'were'} not used.`}
        </p>
        <div className="desk-status-actions">
          <button type="button" className="primary" onClick={() => void failed.retry()}>
            Try again
          </button>
          <button type="button" onClick={() => useDeskFlow.getState().dismissFailure()}>
            Leave it (I will record it again)
          </button>
        </div>
      </div>
    );
  }
  if (saving && !leaving) {
    return (
      <div className="desk-status desk-status-saving" role="status">
        <p>
          Saving: {saving.label}…{saving.attempt > 1 && ' ContactCap is not answering yet; trying again.'}
          {queued > 0 && ` ${queued} ${queued === 1 ? 'key' : 'keys'} waiting.`}
        </p>
      </div>
    );
  }
  const recent = lastAction && now - lastAction.at <= UNDO_WINDOW_MS;
  return (
    <div className="desk-status" role="status">
      {hint ? (
        <p className="desk-hint">{hint}</p>
      ) : notice ? (
        <p>{notice}</p>
      ) : undone ? (
        <p>{undone}</p>
      ) : recent ? (
        <>
          <p className="desk-done">{lastAction.sentence}</p>
          <button type="button" className="undo-button" onClick={() => void undo(Date.now())}>
            Undo <KeyCap>Ctrl+Z</KeyCap>
          </button>
        </>
      ) : null}
    </div>
  );
}
