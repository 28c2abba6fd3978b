import { namesList } from '../format.ts';
import { useUiStore } from '../stores/uiStore.ts';
import { Modal } from './common/Modal.tsx';

/** ["Practice", "Caps", "Caps"] → "Practice and Caps": the parts of the screen with changes not saved yet, in words. */
function listed(names: readonly string[]): string {
  return namesList([...new Set(names)]);
}

/**
 * Asked when another screen, or another tab of the screen, is chosen while
 * what is showing has changes not saved yet. Keep editing (first, and what Enter or Esc does) leaves everything as it
 * was, focus back where it was; Discard changes goes to the screen asked for.
 */
export function LeaveDialog() {
  const leaving = useUiStore((state) => state.leaving);
  const unsaved = useUiStore((state) => state.unsaved);
  const keepEditing = useUiStore((state) => state.keepEditing);
  const discardAndLeave = useUiStore((state) => state.discardAndLeave);
  if (leaving === null) return null;
  return (
    <Modal title="Leave without saving?" onClose={keepEditing} describedBy="leave-what">
      <p id="leave-what">
        Not saved yet: <strong>{listed(Object.values(unsaved))}</strong>. If you go to {leaving.to} now, these changes are lost. To keep them,
        choose Keep editing and press the section’s Save button.
      </p>
      <div className="actions">
        <button type="button" className="primary" data-autofocus onClick={keepEditing}>
          Keep editing
        </button>
        <button type="button" onClick={discardAndLeave}>
          Discard changes
        </button>
      </div>
    </Modal>
  );
}
