import { useEffect, useState } from 'react';
import { UNDO_WINDOW_MS, useDeskStore } from '../../stores/deskStore.ts';
import { useAnnounceStore } from '../../stores/announceStore.ts';
import { KeyCap } from '../common/fields.tsx';

/** For a few seconds after each entry: undo it with Ctrl+Z or the button (it is voided, not deleted). */
export function UndoToast() {
  const lastAction = useDeskStore((state) => state.lastAction);
  const undo = useDeskStore((state) => state.undo);
  const announce = useAnnounceStore((state) => state.announce);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (!lastAction) return;
    const tick = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(tick);
  }, [lastAction]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z' && !(event.target instanceof HTMLInputElement)) {
        event.preventDefault();
        void runUndo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  async function runUndo() {
    const label = useDeskStore.getState().lastAction?.label;
    const result = await undo(Date.now());
    if (result === null) return;
    announce(result.ok ? `Undone: ${label ?? 'the last entry'}.` : result.error.message, result.ok ? 'info' : 'error');
  }

  if (!lastAction || now - lastAction.at > UNDO_WINDOW_MS) return null;
  return (
    <div className="undo" role="region" aria-label="Undo">
      <span>Recorded {lastAction.label}.</span>
      <button type="button" onClick={() => void runUndo()}>
        Undo <KeyCap>Ctrl+Z</KeyCap>
      </button>
    </div>
  );
}
