import { useEffect, useId, useRef, useState } from 'react';
import type { InputOf } from '../../../../shared/contract.ts';
import type { Envelope } from '../../../../shared/result.ts';
import { useAnnounce } from '../common/announce.ts';
import { errorOf, type FormError } from '../../stores/result.ts';
import { useSettingsStore } from '../../stores/settingsStore.ts';
import { useUiStore } from '../../stores/uiStore.ts';
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
export function useSectionSave<P extends object>(
  update: (patch: P) => Promise<Envelope<unknown>>,
  describe: (error: FormError) => FormError = (error) => error,
  saved = 'Settings saved.',
) {
  const announce = useAnnounce();
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
    announce(saved);
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

/** The name of the part of the screen a marker is in: its section's or list item's heading. */
function partOf(marker: HTMLElement): string {
  const part = marker.closest('li, section');
  return part?.querySelector('h2, h3')?.textContent.trim() || 'This screen';
}

/**
 * "Not saved yet" beside a section's Save button while it has changes: said in
 * words, not colour. While it shows, leaving the screen asks first (LeaveDialog.tsx),
 * naming what is not saved: `part`, or else the heading of its section;
 * `line` says it as a line of its own, in other words.
 */
export function Unsaved({ dirty, line, part }: { dirty: boolean; line?: string; part?: string }) {
  const markUnsaved = useUiStore((state) => state.markUnsaved);
  const [marker, setMarker] = useState<HTMLElement | null>(null);
  const id = useId();
  useEffect(() => {
    if (!dirty || !marker) return undefined;
    markUnsaved(id, part ?? partOf(marker));
    return () => markUnsaved(id, null);
  }, [dirty, marker, id, markUnsaved, part]);
  if (!dirty) return null;
  return line ? (
    <p ref={setMarker} className="unsaved unsaved-line">
      {line}
    </p>
  ) : (
    <span ref={setMarker} className="unsaved">
      Not saved yet
    </span>
  );
}

/** The end of a section's form: the core's error, "Not saved yet" while it has changes, and its Save button (busy without losing focus). */
export function SaveFooter({ error, errorId, dirty, busy, label, part }: { error: FormError | null; errorId: string; dirty: boolean; busy: boolean; label: string; part?: string }) {
  return (
    <>
      <ErrorMessage error={error} id={errorId} />
      <div className="actions">
        <Unsaved dirty={dirty} part={part} />
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
