import { useEffect, useRef, type KeyboardEvent } from 'react';

/**
 * A row of tabs on the ARIA pattern: the arrow keys, Home and End move between
 * them, Tab goes into the panel. `onOpen` is asked for the tab chosen, which it
 * may show at once or after asking about unsaved changes. The focus follows
 * the tab shown while it is on the tabs: after an arrow key, and after
 * "Discard changes" (which gives it back to the tab pressed).
 */
export function TabList<T extends string>({
  tabs,
  labels,
  current,
  onOpen,
  label,
  idPrefix,
  panelId,
  className,
}: {
  tabs: readonly T[];
  labels: Record<T, string>;
  current: T;
  onOpen: (tab: T) => void;
  /** The tab list's own name. */
  label: string;
  idPrefix: string;
  panelId: string;
  className?: string;
}) {
  const list = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = list.current;
    if (element?.contains(document.activeElement)) element.querySelector<HTMLButtonElement>(`#${idPrefix}${current}`)?.focus();
  }, [current, idPrefix]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = tabs.indexOf(current);
    const next =
      event.key === 'ArrowRight'
        ? tabs[(index + 1) % tabs.length]
        : event.key === 'ArrowLeft'
          ? tabs[(index - 1 + tabs.length) % tabs.length]
          : event.key === 'Home'
            ? tabs[0]
            : event.key === 'End'
              ? tabs[tabs.length - 1]
              : undefined;
    if (next === undefined) return;
    event.preventDefault();
    if (next !== current) onOpen(next);
  }

  return (
    <div ref={list} className={className} role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {tabs.map((name) => (
        <button
          key={name}
          id={`${idPrefix}${name}`}
          type="button"
          role="tab"
          aria-selected={current === name}
          aria-controls={panelId}
          tabIndex={current === name ? 0 : -1}
          onClick={() => {
            if (name !== current) onOpen(name);
          }}
        >
          {labels[name]}
        </button>
      ))}
    </div>
  );
}
