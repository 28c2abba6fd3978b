import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import { SCREEN_LABELS, SCREENS, type Screen } from '../stores/uiStore.ts';

/**
 * The list of screens in the header. When the names no longer fit on one line
 * beside the date and the desk (a small window, 200% zoom), they fold into one
 * "Menu" button that opens the same list below it: Enter or Space opens it,
 * Tab and the arrow keys move through it, Esc closes it and goes back to the
 * button. Whether it folds is measured, not guessed from the window's width.
 */
export function ScreensNav({ current, onShow }: { current: Screen | null; onShow: (name: Screen) => void }) {
  const screen = current;
  const nav = useRef<HTMLElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const menuButton = useRef<HTMLButtonElement>(null);
  /** The width the names need on one line, read whenever they are shown on one line. */
  const needed = useRef(0);
  const [folded, setFolded] = useState(false);
  const [open, setOpen] = useState(false);
  const listId = useId();

  useLayoutEffect(() => {
    const element = nav.current;
    if (!element) return;
    const measure = () => {
      const names = list.current;
      const inline = names !== null && !names.classList.contains('screens-menu');
      if (inline) needed.current = names.scrollWidth;
      const fold = needed.current > element.clientWidth;
      setFolded(fold);
      if (!fold) setOpen(false);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const close = (focusButton: boolean) => {
    setOpen(false);
    if (focusButton) menuButton.current?.focus();
  };

  const go = (name: Screen) => {
    onShow(name);
    if (folded) close(true);
  };

  const onListKey = (event: KeyboardEvent<HTMLUListElement>) => {
    if (!folded) return;
    const buttons = Array.from(list.current?.querySelectorAll('button') ?? []);
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const moveTo = (index: number) => {
      event.preventDefault();
      buttons[(index + buttons.length) % buttons.length]?.focus();
    };
    if (event.key === 'ArrowDown') moveTo(at + 1);
    else if (event.key === 'ArrowUp') moveTo(at - 1);
    else if (event.key === 'Home') moveTo(0);
    else if (event.key === 'End') moveTo(buttons.length - 1);
  };

  return (
    <nav
      ref={nav}
      aria-label="Screens"
      className={`screens${folded ? ' screens-folded' : ''}`}
      onKeyDown={(event) => {
        if (folded && open && event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          close(true);
        }
      }}
      onBlur={(event) => {
        // Tabbing out of the open menu, or clicking elsewhere, closes it.
        if (open && !event.currentTarget.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      {folded && (
        <button
          ref={menuButton}
          type="button"
          className="menu-button"
          aria-expanded={open}
          aria-controls={listId}
          onClick={() => {
            if (list.current) list.current.scrollTop = 0;
            setOpen(!open);
          }}
          onKeyDown={(event) => {
            // Down goes into the list (opening it if need be) at the first screen, Up at the last.
            if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
            event.preventDefault();
            const pick = event.key === 'ArrowDown' ? 'li:first-child button' : 'li:last-child button';
            flushSync(() => setOpen(true));
            list.current?.querySelector<HTMLButtonElement>(pick)?.focus();
          }}
        >
          <span className="menu-icon" aria-hidden="true" />
          Menu
        </button>
      )}
      <ul ref={list} id={listId} className={folded ? 'screens-menu' : 'screens-list'} hidden={folded && !open} onKeyDown={onListKey}>
        {SCREENS.map((name) => (
          <li key={name}>
            <button type="button" aria-current={screen === name ? 'page' : undefined} onClick={() => go(name)}>
              {SCREEN_LABELS[name]}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
