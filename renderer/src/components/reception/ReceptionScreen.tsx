import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { CAP_STATE_LABELS, type BoardRow, type CapMode } from '../../../../shared/domain.ts';
import { useCatalogueStore } from '../../stores/catalogueStore.ts';
import { useDeskFlow } from '../../stores/deskFlow.ts';
import { useDeskStore } from '../../stores/deskStore.ts';
import { useSystemStore } from '../../stores/systemStore.ts';
import type { NetworkStatus } from '../../../../shared/network.ts';
import { KeyCap } from '../common/fields.tsx';
import { EmptyBoardSetupLink } from '../setup/EmptyBoardSetupLink.tsx';
import { ActivityPanel } from './ActivityPanel.tsx';
import { BoardNetworkNotes } from './BoardNetworkNotes.tsx';
import { BoardTable } from './BoardTable.tsx';
import { DeferDialog } from './DeferDialog.tsx';
import { DeskStatus } from './DeskStatus.tsx';
import { LateEntryDialog } from './LateEntryDialog.tsx';
import { RecordPanel } from './RecordPanel.tsx';
import { RedirectDialog } from './RedirectDialog.tsx';
import { RoutingDialog } from './RoutingDialog.tsx';
import { isTyping } from './shortcuts.ts';
import { UrgentDialog } from './UrgentDialog.tsx';

const DENSE_KEY = 'contactcap.denseBoard';
/** Above this many clinicians the board starts in compact rows, until this PC's choice says otherwise. */
export const AUTO_COMPACT_ABOVE = 20;
/** Compact rows go side by side, in two tables, when the board has this much room (CSS pixels). */
const TWO_COLUMNS_FROM = 980;
/** Below this width compact rows leave out the role, the sessions and the bar (CSS pixels). */
const ROOM_FOR_DETAIL = 760;

/** The board's stored choice: compact, full-size, or never chosen on this PC (null). */
function storedDense(): boolean | null {
  const stored = localStorage.getItem(DENSE_KEY);
  return stored === null ? null : stored === '1';
}

/** An element's width, followed as the window or the zoom changes. */
function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry ? entry.contentRect.width : 0));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** Where receptionists live all day: the board, two keys to record, and a way on for every patient. */
export function ReceptionScreen() {
  const board = useDeskStore((state) => state.board);
  const loadError = useDeskStore((state) => state.loadError);
  const saving = useDeskStore((state) => state.saving);
  const allTypes = useCatalogueStore((state) => state.contactTypes);
  const types = useMemo(() => allTypes.filter((type) => type.active), [allTypes]);
  const step = useDeskFlow((state) => state.step);
  const network = useSystemStore((state) => state.network);
  const leaving = useDeskFlow((state) => state.leaving);
  const opened = useDeskFlow((state) => state.opened);
  const [find, setFind] = useState('');
  const [densePref, setDensePref] = useState(storedDense);
  const findBox = useRef<HTMLInputElement>(null);
  const boardArea = useRef<HTMLDivElement>(null);
  const hadStep = useRef(false);
  const boardWidth = useWidth(boardArea);
  const lastActionId = useDeskStore((state) => state.lastAction?.id ?? null);
  const undone = useDeskStore((state) => state.undone);
  // What the void dialog did, for the desk's line; it gives way to the next record or undo.
  const [voided, setVoided] = useState<{ sentence: string; lastActionId: string | null; undone: string | null } | null>(null);
  const onVoided = useCallback((sentence: string) => {
    const desk = useDeskStore.getState();
    setVoided({ sentence, lastActionId: desk.lastAction?.id ?? null, undone: desk.undone });
  }, []);
  const notice = voided && voided.lastActionId === lastActionId && voided.undone === undone ? voided.sentence : null;

  const rows = useMemo(() => board?.rows ?? [], [board]);
  const dense = densePref ?? rows.length > AUTO_COMPACT_ABOVE;
  const query = find.trim().toLowerCase();
  const shown = query === '' ? rows : rows.filter((row) => row.name.toLowerCase().includes(query) || row.initials.toLowerCase().startsWith(query));
  const rowOf = (clinicianId: string | null) => rows.find((row) => row.clinicianId === clinicianId) ?? null;
  const nameOf = (clinicianId: string | null) => {
    const row = rowOf(clinicianId);
    return row ? { id: row.clinicianId, name: row.name } : null;
  };

  useEffect(() => {
    useDeskFlow.setState({ focusFind: () => findBox.current?.focus() });
  }, []);

  // Every key the desk uses goes to the desk's own handling, in the order typed, before any button sees it.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (target?.closest('[data-desk-own-keys]')) return;
      // Another screen's dialog (who is at the desk, a void) has the keys while it is open.
      if (document.querySelector('dialog[open]:not([data-desk-step])')) return;
      if (['Tab', 'Shift', 'Control', 'Alt', 'Meta', 'CapsLock'].includes(event.key)) return;
      const inField = isTyping(target);
      const onOtherButton = target instanceof HTMLButtonElement && !target.hasAttribute('data-desk-record');
      const used = useDeskFlow.getState().press({
        key: event.key,
        code: event.code,
        shiftKey: event.shiftKey,
        ctrlKey: event.ctrlKey,
        altKey: event.altKey,
        metaKey: event.metaKey,
        inField,
        onOtherButton,
      });
      if (used) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  // When a step's dialog closes, the focus goes back to the board, never to the find box: the next key is for the board.
  const dialogOpen = step !== null || leaving !== null;
  useEffect(() => {
    if (!dialogOpen && hadStep.current) boardArea.current?.focus({ preventScroll: true });
    hadStep.current = dialogOpen;
  }, [dialogOpen, step]);

  // The same function every time, so the board's memoised rows are not drawn again for it.
  const choose = useCallback((row: BoardRow) => {
    setFind('');
    useDeskFlow.getState().choose(row);
  }, []);
  const close = () => useDeskFlow.getState().close();
  const current = step && 'clinicianId' in step ? rowOf(step.clinicianId) : null;
  // The record step, or the one just sent while it lingers (deskFlow.ts, `leaving`).
  const recordStep = step?.kind === 'record' ? step : step === null ? leaving : null;
  const recordFor = recordStep ? rowOf(recordStep.clinicianId) : null;
  const counts = countStates(rows);

  return (
    <div className="reception">
      <section className={`board panel${dense ? ' board-dense' : ''}`} aria-labelledby="board-heading">
        <div className="toolbar">
          <h2 id="board-heading">Today’s board</h2>
          <label className="find" data-desk-own-keys="">
            <span className="visually-hidden">Find a clinician</span>
            <input
              ref={findBox}
              type="search"
              placeholder="Find a clinician (/)"
              value={find}
              onChange={(event) => setFind(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  // Enter picks the one clinician found; it never presses a button in the step that opens.
                  event.preventDefault();
                  const [only, ...others] = shown;
                  if (only && others.length === 0) choose(only);
                }
                if (event.key === 'Escape') {
                  event.preventDefault();
                  setFind('');
                  boardArea.current?.focus({ preventScroll: true });
                }
              }}
            />
          </label>
          <button type="button" onClick={() => useDeskFlow.getState().open({ kind: 'redirect', clinicianId: null, reason: 'more_appropriate_service' })}>
            Redirect a patient <KeyCap>F2</KeyCap>
          </button>
          <button type="button" onClick={() => useDeskFlow.getState().open({ kind: 'defer', clinicianId: null })}>
            Later / waiting list <KeyCap>F4</KeyCap>
          </button>
          <label className="dense-toggle">
            <input
              type="checkbox"
              checked={dense}
              onChange={(event) => {
                setDensePref(event.target.checked);
                localStorage.setItem(DENSE_KEY, event.target.checked ? '1' : '0');
              }}
            />{' '}
            Compact rows
          </label>
        </div>
        <DeskStatus notice={notice} />
        <BoardNetworkNotes rows={rows} network={network} />
        {loadError && (
          <p role="alert" className="banner banner-error inline">
            {loadError}
          </p>
        )}
        <div className="board-area" ref={boardArea} tabIndex={-1} aria-label="Board: press a clinician’s key">
          {board && rows.length === 0 && <EmptyBoardSetupLink />}
          {board && rows.length > 0 && rows.every((row) => !row.working) && (
            <p className="empty">Nobody is on the rota today. Set today’s rota on the Rota screen; an urgent contact can still be recorded with any clinician’s key.</p>
          )}
          {query !== '' && shown.length === 0 && <p className="empty">No clinician matches “{find}”. Press Esc to clear the search.</p>}
          {shown.length > 0 && (
            <BoardTables
              rows={shown}
              capMode={board?.capMode ?? 'day'}
              savingFor={leaving ? null : (saving?.clinicianId ?? null)}
              onChoose={choose}
              network={network}
              dense={dense}
              twoColumns={dense && boardWidth >= TWO_COLUMNS_FROM && shown.length > 12}
              tight={boardWidth < ROOM_FOR_DETAIL}
            />
          )}
        </div>
        <p className="hint">
          Press a clinician’s key, then <KeyCap>Enter</KeyCap> to record. A letter changes the type of contact first. {counts}
        </p>
      </section>
      <ActivityPanel onVoided={onVoided} />

      {recordStep && recordFor && <RecordPanel key={opened} step={recordStep} row={recordFor} insteadOf={rowOf(recordStep.insteadOf)} types={types} />}
      {step?.kind === 'routing' && current && <RoutingDialog step={step} row={current} rows={rows} types={types} />}
      {step?.kind === 'urgent' && current && <UrgentDialog step={step} row={current} type={types.find((type) => type.id === step.typeId)} />}
      {step?.kind === 'redirect' && (
        <RedirectDialog fromClinician={nameOf(step.clinicianId)} defaultReason={step.reason} onClose={close} replaces={step.replaces} onReplaced={onVoided} />
      )}
      {step?.kind === 'defer' && <DeferDialog clinician={nameOf(step.clinicianId)} onClose={close} />}
      {step?.kind === 'late' && <LateEntryDialog onClose={close} />}
    </div>
  );
}

/**
 * The board as one table, or in compact rows on a wide screen as two side by
 * side: the first half of the practice's order on the left, the rest on the right.
 */
function BoardTables({
  rows,
  dense,
  twoColumns,
  tight,
  ...table
}: {
  rows: BoardRow[];
  dense: boolean;
  twoColumns: boolean;
  tight: boolean;
  capMode: CapMode;
  savingFor: string | null;
  onChoose: (row: BoardRow) => void;
  network: NetworkStatus | null;
}) {
  if (!twoColumns) return <BoardTable rows={rows} compact={dense} tight={dense && tight} {...table} />;
  const half = Math.ceil(rows.length / 2);
  return (
    <div className="board-columns">
      <BoardTable rows={rows.slice(0, half)} compact tight caption={`Clinicians on the board today, with their keys: 1 to ${half} of ${rows.length}`} {...table} />
      <BoardTable rows={rows.slice(half)} compact tight caption={`Clinicians on the board today, with their keys: ${half + 1} to ${rows.length} of ${rows.length}`} {...table} />
    </div>
  );
}

/** "3 full, 1 nearly full": the board at a glance, in words. */
function countStates(rows: readonly BoardRow[]): string {
  const working = rows.filter((row) => row.status === 'working');
  const parts = (['full', 'over_cap', 'nearly_full'] as const)
    .map((state) => [state, working.filter((row) => row.state === state).length] as const)
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `${n} ${CAP_STATE_LABELS[state].toLowerCase()}`);
  return parts.length === 0 ? '' : `Now: ${parts.join(', ')}.`;
}
