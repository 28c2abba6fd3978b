import { useEffect, useMemo, useRef, useState } from 'react';
import { isAtCapacity } from '../../../../shared/capacity.ts';
import { FALLBACK_CONTACT_TYPE } from '../../../../shared/contactTypes.ts';
import type { BoardRow } from '../../../../shared/domain.ts';
import type { RedirectionReason } from '../../../../shared/directory.ts';
import { useCatalogueStore } from '../../stores/catalogueStore.ts';
import { useDeskStore } from '../../stores/deskStore.ts';
import { KeyCap } from '../common/fields.tsx';
import { EmptyBoardSetupLink } from '../setup/EmptyBoardSetupLink.tsx';
import { ActivityPanel } from './ActivityPanel.tsx';
import { BoardTable } from './BoardTable.tsx';
import { DeferDialog } from './DeferDialog.tsx';
import { RecordPanel } from './RecordPanel.tsx';
import { RedirectDialog } from './RedirectDialog.tsx';
import { RoutingDialog } from './RoutingDialog.tsx';
import { isTyping, plainKey, shortcutsFor } from './shortcuts.ts';
import { UndoToast } from './UndoToast.tsx';
import { UrgentDialog } from './UrgentDialog.tsx';

type Step =
  | { kind: 'record'; clinicianId: string }
  | { kind: 'routing'; clinicianId: string; typeId: string }
  | { kind: 'urgent'; clinicianId: string; typeId: string }
  | { kind: 'redirect'; clinicianId: string | null; reason: RedirectionReason }
  | { kind: 'defer'; clinicianId: string | null };

/** Where receptionists live all day: the board, two keys to record, and a way on for every patient. */
export function ReceptionScreen() {
  const board = useDeskStore((state) => state.board);
  const loadError = useDeskStore((state) => state.loadError);
  const allTypes = useCatalogueStore((state) => state.contactTypes);
  const types = useMemo(() => allTypes.filter((type) => type.active), [allTypes]);
  const [step, setStep] = useState<Step | null>(null);
  const [find, setFind] = useState('');
  const findBox = useRef<HTMLInputElement>(null);

  const rows = useMemo(() => board?.rows ?? [], [board]);
  const keys = useMemo(() => shortcutsFor(rows), [rows]);
  const matches = (row: BoardRow) => {
    const query = find.trim().toLowerCase();
    return query === '' || row.name.toLowerCase().includes(query) || row.initials.toLowerCase().startsWith(query);
  };
  const working = rows.filter((row) => row.working && matches(row));
  const offRota = rows.filter((row) => !row.working && matches(row));
  const defaultTypeId = board?.defaultTypeId ?? FALLBACK_CONTACT_TYPE;
  const rowOf = (clinicianId: string | null) => rows.find((row) => row.clinicianId === clinicianId) ?? null;
  const nameOf = (clinicianId: string | null) => {
    const row = rowOf(clinicianId);
    return row ? { id: row.clinicianId, name: row.name } : null;
  };

  const choose = (row: BoardRow) => setStep(isAtCapacity(row) ? { kind: 'routing', clinicianId: row.clinicianId, typeId: defaultTypeId } : { kind: 'record', clinicianId: row.clinicianId });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (step !== null || document.querySelector('dialog[open]') || isTyping(event.target)) return;
      if (event.key === '/') {
        event.preventDefault();
        findBox.current?.focus();
        return;
      }
      if (event.key === 'F2') {
        event.preventDefault();
        setStep({ kind: 'redirect', clinicianId: null, reason: 'more_appropriate_service' });
        return;
      }
      if (event.key === 'F4') {
        event.preventDefault();
        setStep({ kind: 'defer', clinicianId: null });
        return;
      }
      const key = plainKey(event);
      if (key === null) return;
      const clinicianId = [...keys.entries()].find(([, shortcut]) => shortcut === key)?.[0];
      const row = rowOf(clinicianId ?? null);
      if (!row) return;
      event.preventDefault();
      choose(row);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const current = step && 'clinicianId' in step ? rowOf(step.clinicianId) : null;
  const close = () => setStep(null);

  return (
    <div className="reception">
      <section className="board panel" aria-labelledby="board-heading">
        <div className="toolbar">
          <h2 id="board-heading">Today’s board</h2>
          <label className="find">
            <span className="visually-hidden">Find a clinician</span>
            <input
              ref={findBox}
              type="search"
              placeholder="Find a clinician  ( / )"
              value={find}
              onChange={(event) => setFind(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && working.length + offRota.length === 1) {
                  const only = working[0] ?? offRota[0];
                  if (only) {
                    setFind('');
                    choose(only);
                  }
                }
                if (event.key === 'Escape') setFind('');
              }}
            />
          </label>
          <button type="button" onClick={() => setStep({ kind: 'redirect', clinicianId: null, reason: 'more_appropriate_service' })}>
            Redirect a patient <KeyCap>F2</KeyCap>
          </button>
          <button type="button" onClick={() => setStep({ kind: 'defer', clinicianId: null })}>
            Later / waiting list <KeyCap>F4</KeyCap>
          </button>
        </div>
        {loadError && (
          <p role="alert" className="banner banner-error inline">
            {loadError}
          </p>
        )}
        {board && rows.length === 0 && <EmptyBoardSetupLink />}
        {board && rows.length > 0 && working.length === 0 && find === '' && (
          <p className="empty">Nobody is on the rota today. Set today’s rota on the Rota screen; urgent contacts can still be recorded below.</p>
        )}
        {working.length > 0 && (
          <BoardTable rows={working} keys={keys} capMode={board?.capMode ?? 'day'} caption="Clinicians working today" onChoose={choose} />
        )}
        {offRota.length > 0 && (
          <details className="off-rota">
            <summary>Not on the rota today ({offRota.length})</summary>
            <BoardTable rows={offRota} keys={new Map()} capMode={board?.capMode ?? 'day'} caption="Clinicians not on the rota today" onChoose={choose} />
          </details>
        )}
        <p className="hint">
          Press a clinician’s key, then <KeyCap>Enter</KeyCap> to record. A letter changes the type of contact first.
        </p>
      </section>
      <ActivityPanel />
      <UndoToast />

      {step?.kind === 'record' && current && (
        <RecordPanel
          row={current}
          types={types}
          defaultTypeId={defaultTypeId}
          onClose={close}
          onFull={(typeId) => setStep({ kind: 'routing', clinicianId: current.clinicianId, typeId })}
          onService={() => setStep({ kind: 'redirect', clinicianId: current.clinicianId, reason: 'more_appropriate_service' })}
          onLater={() => setStep({ kind: 'defer', clinicianId: current.clinicianId })}
        />
      )}
      {step?.kind === 'routing' && current && (
        <RoutingDialog
          row={current}
          rows={rows}
          types={types}
          typeId={step.typeId}
          onClose={close}
          onService={() => setStep({ kind: 'redirect', clinicianId: current.clinicianId, reason: 'clinician_at_capacity' })}
          onLater={() => setStep({ kind: 'defer', clinicianId: current.clinicianId })}
          onUrgent={(typeId) => setStep({ kind: 'urgent', clinicianId: current.clinicianId, typeId })}
        />
      )}
      {step?.kind === 'urgent' && current && (
        <UrgentDialog row={current} type={types.find((type) => type.id === step.typeId)} onClose={close} />
      )}
      {step?.kind === 'redirect' && <RedirectDialog fromClinician={nameOf(step.clinicianId)} defaultReason={step.reason} onClose={close} />}
      {step?.kind === 'defer' && <DeferDialog clinician={nameOf(step.clinicianId)} onClose={close} />}
    </div>
  );
}
