import { useState, type SyntheticEvent } from 'react';
import type { IdentifierSummary } from '../../../../../shared/identifiers.ts';
import { addPracticeDays } from '../../../../../shared/practiceDay.ts';
import { identifierRetentionDays } from '../../../../../shared/schemas.ts';
import type { PracticeSettings } from '../../../../../shared/settings.ts';
import { formatLongDate, plural } from '../../../format.ts';
import { useSettingsStore } from '../../../stores/settingsStore.ts';
import { useAnnounce } from '../../common/announce.ts';
import { ConfirmDialog } from '../network/ConfirmDialog.tsx';
import { describedField, parseWhole, SaveFooter, useSettingsSave } from '../sectionSave.tsx';
import { coreToday } from './identifierWords.ts';

const ERROR_ID = 'retention-error';

/**
 * The retention period. Shortening it erases, at once and on every PC, what
 * is older than the new period: when this PC holds any, it asks first.
 */
export function RetentionSection({ settings, summary }: { settings: PracticeSettings; summary: IdentifierSummary }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [shortening, setShortening] = useState<{ days: number; from: string } | null>(null);
  const { error, setError, saving, save } = useSettingsSave();
  const updateSettings = useSettingsStore((state) => state.updateSettings);
  const announce = useAnnounce();
  const text = draft ?? String(settings.identifierRetentionDays);
  const dirty = text.trim() !== String(settings.identifierRetentionDays);

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    const days = parseWhole(text);
    if (days === null || Number.isNaN(days)) {
      // Not a number at all: the core's own words for it, from the one schema both use.
      setError({ message: identifierRetentionDays.safeParse(Number.NaN).error?.issues[0]?.message ?? '', field: 'identifierRetentionDays' });
      return;
    }
    const from = addPracticeDays(coreToday(summary), -days);
    if (days < settings.identifierRetentionDays && summary.oldestDay !== null && summary.oldestDay < from && identifierRetentionDays.safeParse(days).success) {
      setError(null);
      setShortening({ days, from });
      return;
    }
    await store(days);
  }

  async function store(days: number) {
    if (await save(days === settings.identifierRetentionDays ? {} : { identifierRetentionDays: days })) setDraft(null);
  }

  return (
    <section className="panel settings-section" aria-labelledby="retention-heading">
      <h2 id="retention-heading">How long they are kept</h2>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor="retention-days">
            Keep NHS numbers and notes for<span className="visually-hidden"> (days after the day of the record)</span>
          </label>
          <span className="with-unit">
            <input
              id="retention-days"
              className="input-short"
              inputMode="numeric"
              value={text}
              onChange={(event) => setDraft(event.target.value)}
              {...describedField(error, 'identifierRetentionDays', ERROR_ID, 'retention-note')}
            />
            days
          </span>
          <span id="retention-note" className="field-note">
            Whole days, from 1 to 3,650 (ten years), the same on every PC of the practice. Shortening it erases at once whatever is older than the new period.
          </span>
        </div>
        <SaveFooter error={error} errorId={ERROR_ID} dirty={dirty} busy={saving} label="Save retention period" />
      </form>
      {shortening && (
        <ConfirmDialog
          title={`Shorten to ${plural(shortening.days, 'day')} and erase the older ones?`}
          keepLabel={`Keep ${plural(settings.identifierRetentionDays, 'day')}`}
          doLabel="Shorten and erase"
          onConfirm={() => updateSettings({ identifierRetentionDays: shortening.days })}
          onDone={() => {
            setDraft(null);
            setError(null);
            announce(`Saved: NHS numbers and notes are now kept for ${plural(shortening.days, 'day')}, and older ones are erased.`);
          }}
          onClose={() => {
            // Kept as it was, or saved: either way the box shows the period in force.
            setShortening(null);
            setDraft(null);
          }}
        >
          <p>
            The NHS numbers and notes of every record from before {formatLongDate(shortening.from)} are erased at once, on this PC and on every other PC of the practice.
            This PC holds some from as far back as {formatLongDate(summary.oldestDay ?? shortening.from)}.
          </p>
          <p>This cannot be undone. The records themselves, and every count and report, stay as they are.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
