import { useId, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

/**
 * A modal dialog on the native <dialog> element: focus is trapped inside, Esc
 * closes it, and the page behind cannot be used until it is closed. The element
 * marked data-autofocus gets the focus when it opens. However small the window,
 * the title and the buttons (the last `.actions` in it) stay on screen and what
 * lies between scrolls (app.css, "Dialogs").
 */
export function Modal({
  title,
  onClose,
  children,
  onKeyDown,
  wide = false,
  describedBy,
  desk,
  focusDialog = false,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  onKeyDown?: (event: KeyboardEvent<HTMLDialogElement>) => void;
  wide?: boolean;
  describedBy?: string;
  /**
   * A step of the reception desk: 'keys' when the desk's key handling
   * (stores/deskFlow.ts) reads its keys, 'form' when the dialog's own form does.
   */
  desk?: 'keys' | 'form';
  /** Focus the dialog itself, not a control: nothing in it acts on a stray Enter. */
  focusDialog?: boolean;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  // Read once, when the dialog opens.
  const focusSelf = useRef(focusDialog);
  const titleId = useId();

  // Layout effect: its clean-up runs while the dialog is still in the page, so
  // focus can go back to where it was before the dialog opened.
  useLayoutEffect(() => {
    const element = dialog.current;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (element && !element.open) element.showModal();
    // showModal focuses the first control; the dialog's main action goes first instead when it asks to.
    // A dialog may ask for nothing to be focused that acts on Enter: then the dialog itself has the focus.
    const first = element?.querySelector<HTMLElement>('[data-autofocus]');
    if (first) first.focus({ preventScroll: true });
    else if (focusSelf.current) element?.focus({ preventScroll: true });
    // A dialog taller than the window opens at its top, its title and what it says in view, even when the
    // focus is on a button pinned to its bottom (Record); a field further down is scrolled to.
    if (element) {
      element.scrollTop = 0;
      if (first && !first.closest('.actions')) {
        const footer = Array.from(element.querySelectorAll('.actions')).at(-1)?.getBoundingClientRect().height ?? 0;
        const hidden = first.getBoundingClientRect().bottom - (element.getBoundingClientRect().bottom - footer);
        if (hidden > 0) element.scrollTop = hidden + 8;
      }
    }
    return () => {
      element?.close();
      if (before?.isConnected) before.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      data-desk-step={desk}
      data-desk-own-keys={desk === 'form' ? '' : undefined}
      tabIndex={focusDialog ? -1 : undefined}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onKeyDown={onKeyDown}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
