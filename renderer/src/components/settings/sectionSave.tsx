import { useRef, useState } from 'react';
import type { InputOf } from '../../../../shared/contract.ts';
import type { Envelope } from '../../../../shared/result.ts';
import { useAnnounceStore } from '../../stores/announceStore.ts';
import { errorOf, type FormError } from '../../stores/result.ts';
import { useSettingsStore } from '../../stores/settingsStore.ts';
import { ErrorMessage } from '../common/fields.tsx';

export type SettingsPatch = InputOf<'settings.update'>;

/**
 * Runs one save at a time: a second press while the first is under way does nothing.
 * Buttons show busy with aria-disabled rather than disabled, so the focus stays on them.
 */
export function useOneAtATime() {
  const running = useRef(false);
  const [busy, setBusy] = useState(false);
  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    try {
      return await work();
    } finally {
      running.current = false;
      setBusy(false);
    }
  }
  return { busy, run };
}

/**
 * One section's save: sends only the section's changed fields, keeps the core's
 * error for the section's form, and announces success.
 */
export function useSectionSave<P extends object>(update: (patch: P) => Promise<Envelope<unknown>>, describe: (error: FormError) => FormError = (error) => error) {
  const announce = useAnnounceStore((state) => state.announce);
  const [error, setError] = useState<FormError | null>(null);
  const { busy: saving, run } = useOneAtATime();

  async function save(patch: P): Promise<boolean> {
    if (Object.keys(patch).length === 0) {
      setError(null);
      announce('Nothing to save: this section has no changes.');
      return true;
    }
    const result = await run(() => update(patch));
    if (!result) return false;
    const failure = errorOf(result);
    if (failure) {
      setError(describe(failure));
      return false;
    }
    setError(null);
    announce('Settings saved.');
    return true;
  }

  return { error, setError, saving, save };
}

/** A practice settings section's save (settings.update). */
export function useSettingsSave(describe?: (error: FormError) => FormError) {
  const updateSettings = useSettingsStore((state) => state.updateSettings);
  return useSectionSave<SettingsPatch>(updateSettings, describe);
}

/** A whole number as a person types it (spaces and thousands commas allowed): null when blank, NaN when not a whole number. */
export function parseWhole(text: string): number | null {
  const tidy = text.replace(/[\s,]/g, '');
  if (tidy === '') return null;
  return /^\d+$/.test(tidy) ? Number(tidy) : Number.NaN;
}

/** "Not saved yet" beside a section's Save button while it has changes: said in words, not colour. */
export function Unsaved({ dirty }: { dirty: boolean }) {
  return dirty ? <span className="unsaved">Not saved yet</span> : null;
}

/** The end of a section's form: the core's error, "Not saved yet" while it has changes, and its Save button (busy without losing focus). */
export function SaveFooter({ error, errorId, dirty, busy, label }: { error: FormError | null; errorId: string; dirty: boolean; busy: boolean; label: string }) {
  return (
    <>
      <ErrorMessage error={error} id={errorId} />
      <div className="actions">
        <Unsaved dirty={dirty} />
        <button type="submit" className="primary" aria-disabled={busy || undefined}>
          {label}
        </button>
      </div>
    </>
  );
}

/** invalidIf, for a field that also has a note of its own: the note and, when it is about this field, the error. */
export function describedField(error: FormError | null, field: string, errorId: string, noteId: string) {
  const invalid = error?.field === field;
  return { 'aria-invalid': invalid ? (true as const) : undefined, 'aria-describedby': invalid ? `${noteId} ${errorId}` : noteId };
}
