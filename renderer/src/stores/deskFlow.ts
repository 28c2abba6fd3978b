import { create } from 'zustand';
import { isAtCapacity } from '../../../shared/capacity.ts';
import { deskKeyOf, type KeyPress } from '../../../shared/deskKeys.ts';
import type { BoardRow, ContactType } from '../../../shared/domain.ts';
import { urgentBecause, whyNoRoom } from '../format.ts';
import type { RedirectionReason } from '../../../shared/directory.ts';
import { instantAt, practiceDayOf } from '../../../shared/practiceDay.ts';
import { alternativesFor } from '../../../shared/routing.ts';
import { useCatalogueStore } from './catalogueStore.ts';
import { newRequestId, useDeskStore } from './deskStore.ts';
import { errorOf, type FormError } from './result.ts';

/**
 * The reception desk's steps and keys, in one place. Every key press the desk
 * uses goes through `press`, in the order it was typed: while a record is being
 * saved, later keys wait in a queue and are applied, in order, once it is done
 * (DOMAIN.md §7: no keystroke lost). Nothing records for a clinician the
 * receptionist did not choose: Enter records only in the record step, for the
 * clinician it names.
 */

export type Step =
  | { kind: 'record'; clinicianId: string; typeId: string; time: string; insteadOf: string | null; error: FormError | null }
  | { kind: 'routing'; clinicianId: string; typeId: string; notice: string | null }
  | { kind: 'urgent'; clinicianId: string; typeId: string; reason: string; error: FormError | null }
  /** `replaces`: a contact over the cap from two PCs, voided once its patient is redirected. */
  | { kind: 'redirect'; clinicianId: string | null; reason: RedirectionReason; replaces?: { contactId: string; named: string } }
  | { kind: 'defer'; clinicianId: string | null }
  | { kind: 'late' };

/** A key press as the desk keeps it: what was pressed and where the focus was. */
export interface DeskPress extends KeyPress {
  /** The focus was in a text field (time, reason). */
  inField: boolean;
  /** The focus was on a button that is not the step's own record button: Enter there means that button. */
  onOtherButton: boolean;
}

/** A record that could not be saved: it stays on screen until it is tried again or put aside. */
export interface FailedRecord {
  sentence: string;
  message: string;
  retry: () => Promise<void>;
  /** Keys typed after it that were not used, so nobody thinks they were. */
  keysNotUsed: number;
}

/**
 * How long, at most, the record step stays on screen after Enter while its
 * answer is awaited. The answer usually comes within a few milliseconds: the
 * dialog then closes in the same frame as the board shows the new count,
 * instead of the page being laid out and painted twice (closing a modal dialog
 * restyles the whole page). A slow answer never keeps it longer than this.
 */
export const RECORD_STEP_LINGERS_MS = 120;

interface FlowState {
  step: Step | null;
  /**
   * The record step just sent, still shown (inert: its keys wait in the queue)
   * until its answer comes or RECORD_STEP_LINGERS_MS pass; null otherwise.
   */
  leaving: Extract<Step, { kind: 'record' }> | null;
  /** Goes up each time a step opens, so a new step gets a dialog of its own. */
  opened: number;
  /** A short message on the board itself ("Press Esc first …"), not about a record. */
  hint: string | null;
  failed: FailedRecord | null;
  /** Keys waiting while a record is being saved. */
  queued: number;
  press: (press: DeskPress) => boolean;
  choose: (row: BoardRow) => void;
  open: (step: Step) => void;
  close: () => void;
  update: (patch: Partial<Extract<Step, { kind: 'record' }>> | Partial<Extract<Step, { kind: 'urgent' }>> | Partial<Extract<Step, { kind: 'routing' }>>) => void;
  recordStep: () => void;
  recordUrgent: () => void;
  dismissFailure: () => void;
  /** Set by the screen: how to put the focus in the find box. */
  focusFind: () => void;
}

const rows = () => useDeskStore.getState().board?.rows ?? [];
const rowOf = (clinicianId: string) => rows().find((row) => row.clinicianId === clinicianId) ?? null;
const defaultType = () => useDeskStore.getState().board?.defaultTypeId ?? 'face_to_face';
const activeTypes = (): ContactType[] => useCatalogueStore.getState().contactTypes.filter((type) => type.active);
const typeName = (typeId: string) => activeTypes().find((type) => type.id === typeId)?.name ?? 'Contact';
const rowForKey = (key: string) => rows().find((row) => row.key === key) ?? null;

export const useDeskFlow = create<FlowState>()((set, get) => {
  const queue: DeskPress[] = [];
  /** Whether a record is being saved now (an object, so each read sees the latest). */
  const recording = { busy: false };
  const busy = () => recording.busy;

  function setStep(step: Step | null, hint: string | null = null) {
    set(step === null ? { step, hint, leaving: null } : { step, hint, leaving: null, opened: get().opened + 1 });
  }

  /** Enter was pressed in the record step: the step is over, though its dialog stays for a moment (see `leaving`). */
  function leave(step: Extract<Step, { kind: 'record' }>) {
    set({ step: null, hint: null, leaving: step });
    setTimeout(() => {
      if (get().leaving === step) set({ leaving: null });
    }, RECORD_STEP_LINGERS_MS);
  }

  function choose(row: BoardRow, typeId = defaultType(), insteadOf: string | null = null) {
    if (isAtCapacity(row)) setStep({ kind: 'routing', clinicianId: row.clinicianId, typeId, notice: null });
    else setStep({ kind: 'record', clinicianId: row.clinicianId, typeId, time: '', insteadOf, error: null });
  }

  /** Runs a record: keys typed meanwhile wait, and are applied in order once it is done. */
  async function saving(work: () => Promise<'done' | 'stop'>) {
    recording.busy = true;
    const outcome = await work().finally(() => {
      recording.busy = false;
    });
    if (outcome === 'stop' && queue.length > 0) {
      // The record did not go as typed: the keys after it were meant for what came next, so none is guessed at.
      const dropped = queue.length;
      queue.length = 0;
      const failed = get().failed;
      if (failed) set({ failed: { ...failed, keysNotUsed: failed.keysNotUsed + dropped } });
      else set({ hint: `${dropped === 1 ? 'The key' : `The ${dropped} keys`} you pressed after that ${dropped === 1 ? 'was' : 'were'} not used. Check the board, then carry on.` });
    }
    set({ queued: queue.length });
    while (!busy() && queue.length > 0) {
      const next = queue.shift();
      set({ queued: queue.length });
      if (next) apply(next);
    }
  }

  /** Sends a contact; on a lost answer the store tries again with the same request id. */
  function sendContact(
    input: { clinicianId: string; typeId: string; occurredAt?: string; overCapReason?: string },
    label: { saving: string; done: string },
    whenFull: Step | null,
  ) {
    const requestId = newRequestId();
    const attempt = async (): Promise<'done' | 'stop'> => {
      const result = await useDeskStore.getState().record('contact.record', input, label, requestId);
      // In the same task as the board's new figures: the dialog closes as the board changes.
      if (get().leaving !== null) set({ leaving: null });
      if (result.ok) {
        if (get().failed?.retry === retry) set({ failed: null });
        return 'done';
      }
      if (result.error.code === 'at_capacity' && whenFull) {
        // Another desk filled the last place first: nothing was recorded; the patient still needs a way on.
        const row = rowOf(input.clinicianId);
        setStep(whenFull.kind === 'routing' ? { ...whenFull, notice: `${row?.name ?? 'This clinician'} became full just before this was saved, so nothing was recorded. Choose where this patient goes.` } : whenFull);
        await useDeskStore.getState().refresh();
        return 'stop';
      }
      if (result.error.code === 'unreachable') {
        set({ failed: { sentence: label.saving, message: result.error.message, retry, keysNotUsed: 0 } });
        return 'stop';
      }
      // Refused for a reason the desk can fix (a time, a type): back to the step, with the message.
      const error = errorOf(result);
      if (input.overCapReason !== undefined) setStep({ kind: 'urgent', clinicianId: input.clinicianId, typeId: input.typeId, reason: input.overCapReason, error });
      else setStep({ kind: 'record', clinicianId: input.clinicianId, typeId: input.typeId, time: '', insteadOf: null, error });
      return 'stop';
    };
    const retry = () => saving(attempt);
    void saving(attempt);
  }

  function recordStep() {
    const step = get().step;
    if (step?.kind !== 'record') return;
    const row = rowOf(step.clinicianId);
    if (!row) return;
    let occurredAt: string | undefined;
    if (step.time !== '') {
      const at = instantAt(practiceDayOf(Date.now()), step.time);
      if (at === null) {
        set({ step: { ...step, error: { message: `There was no ${step.time} today: the clocks went forward. Enter another time.`, field: 'occurredAt' } } });
        return;
      }
      occurredAt = new Date(at).toISOString();
    }
    const instead = step.insteadOf ? rowOf(step.insteadOf) : null;
    const at = step.time === '' ? '' : ` at ${step.time}`;
    const insteadText = instead ? ` (instead of ${instead.name})` : '';
    leave(step);
    sendContact(
      { clinicianId: row.clinicianId, typeId: step.typeId, ...(occurredAt === undefined ? {} : { occurredAt }) },
      {
        saving: `${typeName(step.typeId)} contact for ${row.name}${at}${insteadText}`,
        done: `${typeName(step.typeId)} contact recorded for ${row.name}${at}${insteadText}.`,
      },
      { kind: 'routing', clinicianId: row.clinicianId, typeId: step.typeId, notice: null },
    );
  }

  function recordUrgent() {
    const step = get().step;
    if (step?.kind !== 'urgent') return;
    const row = rowOf(step.clinicianId);
    if (!row) return;
    if (step.reason.trim().length < 3) {
      set({ step: { ...step, error: { message: 'Give a short reason for the urgent contact (at least 3 characters).', field: 'overCapReason' } } });
      return;
    }
    setStep(null);
    const over = urgentBecause(row);
    const type = typeName(step.typeId).toLowerCase();
    sendContact(
      { clinicianId: row.clinicianId, typeId: step.typeId, overCapReason: step.reason },
      { saving: `Urgent ${type} contact for ${row.name}`, done: `Urgent ${type} contact recorded for ${row.name}, ${over}.` },
      null,
    );
  }

  /** What one key does, given where the desk is now. Returns whether the desk used it. */
  function apply(press: DeskPress): boolean {
    const step = get().step;
    const key = deskKeyOf(press);
    if (press.key === 'Escape') {
      if (step === null) return false;
      setStep(null);
      return true;
    }
    if (press.ctrlKey && !press.altKey && press.key.toLowerCase() === 'z') {
      if (step !== null || press.inField) return false;
      void useDeskStore.getState().undo(Date.now());
      return true;
    }
    if (step === null) return applyOnBoard(press, key);
    switch (step.kind) {
      case 'record':
        return applyInRecord(step, press, key);
      case 'routing':
        return applyInRouting(step, press, key);
      case 'urgent':
        if (press.key === 'Enter') {
          if (press.onOtherButton) return false;
          recordUrgent();
          return true;
        }
        // Typed before the reason box had the focus: kept, not lost.
        if (!press.inField && press.key.length === 1 && !press.ctrlKey && !press.altKey && !press.metaKey) {
          set({ step: { ...step, reason: step.reason + press.key } });
          return true;
        }
        return false;
      case 'redirect':
      case 'defer':
      case 'late':
        // Forms with their own keys: the desk leaves them alone.
        return false;
    }
  }

  function applyOnBoard(press: DeskPress, key: string | null): boolean {
    if (press.key === '/') {
      get().focusFind();
      return true;
    }
    if (press.key === 'F2') {
      setStep({ kind: 'redirect', clinicianId: null, reason: 'more_appropriate_service' });
      return true;
    }
    if (press.key === 'F4') {
      setStep({ kind: 'defer', clinicianId: null });
      return true;
    }
    if (key === null) return false;
    const row = rowForKey(key);
    if (!row) return false;
    choose(row);
    return true;
  }

  function applyInRecord(step: Extract<Step, { kind: 'record' }>, press: DeskPress, key: string | null): boolean {
    if (press.key === 'Enter') {
      if (press.onOtherButton) return false;
      recordStep();
      return true;
    }
    if (press.inField || key === null) return false;
    if (key === 'S') setStep({ kind: 'redirect', clinicianId: step.clinicianId, reason: 'more_appropriate_service' });
    else if (key === 'L') setStep({ kind: 'defer', clinicianId: step.clinicianId });
    else {
      const type = activeTypes().find((candidate) => candidate.key === key);
      if (type) set({ step: { ...step, typeId: type.id, error: null } });
      else if (rowForKey(key)) set({ hint: `This contact is for ${rowOf(step.clinicianId)?.name ?? 'the clinician you chose'}. To choose someone else, press Esc first.` });
      else return false;
    }
    return true;
  }

  function applyInRouting(step: Extract<Step, { kind: 'routing' }>, press: DeskPress, key: string | null): boolean {
    const full = rowOf(step.clinicianId);
    if (press.key === 'Enter') {
      if (press.onOtherButton) return false;
      // The "key, Enter" habit: nothing records here on Enter.
      set({ step: { ...step, notice: 'Nothing has been recorded yet. Press another clinician’s key, S for another service, L for later or U for urgent.' } });
      return true;
    }
    if (press.inField || key === null) return false;
    if (key === 'S') setStep({ kind: 'redirect', clinicianId: step.clinicianId, reason: 'clinician_at_capacity' });
    else if (key === 'L') setStep({ kind: 'defer', clinicianId: step.clinicianId });
    else if (key === 'U') setStep({ kind: 'urgent', clinicianId: step.clinicianId, typeId: step.typeId, reason: '', error: null });
    else {
      const other = rowForKey(key);
      if (!other) return false;
      if (other.clinicianId === step.clinicianId) {
        set({ step: { ...step, notice: `${other.name} is ${full ? whyNoRoom(full) : 'full'}. Press another clinician’s key, S for another service, L for later or U for urgent.` } });
      } else if (alternativesFor(rows(), step.clinicianId).some((row) => row.clinicianId === other.clinicianId)) {
        choose(other, step.typeId, step.clinicianId);
      } else {
        set({ step: { ...step, notice: `${other.name} has no room either (${whyNoRoom(other)}). Press the key of someone listed here, S for another service, L for later or U for urgent.` } });
      }
    }
    return true;
  }

  return {
    step: null,
    leaving: null,
    opened: 0,
    hint: null,
    failed: null,
    queued: 0,
    press(press) {
      if (busy()) {
        // Keys typed while a record is saving are kept, in order, and applied once it is done.
        if (press.inField && press.key !== 'Enter' && press.key !== 'Escape') return false;
        queue.push(press);
        set({ queued: queue.length });
        return true;
      }
      return apply(press);
    },
    choose: (row) => {
      if (busy()) return;
      choose(row);
    },
    open: (step) => setStep(step),
    close: () => setStep(null),
    update(patch) {
      const step = get().step;
      if (step && (step.kind === 'record' || step.kind === 'urgent' || step.kind === 'routing')) set({ step: { ...step, ...patch } as Step });
    },
    recordStep: () => {
      if (busy()) queue.push({ key: 'Enter', code: 'Enter', shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, inField: false, onOtherButton: false });
      else recordStep();
    },
    recordUrgent: () => {
      if (!busy()) recordUrgent();
    },
    dismissFailure: () => set({ failed: null }),
    focusFind: () => {},
  };
});
