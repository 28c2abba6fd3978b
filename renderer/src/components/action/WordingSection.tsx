import { useState, type ReactNode, type SyntheticEvent } from 'react';
import type { PracticeSettings } from '../../../../shared/settings.ts';
import { ErrorMessage } from '../common/fields.tsx';
import { describedField, Unsaved, useSettingsSave } from '../settings/sectionSave.tsx';

type WordingField = 'noticeWhy' | 'receptionScript';

/** One piece of the practice's own wording, edited and saved on its own (settings.update with that field only). */
export function WordingSection({
  field,
  heading,
  label,
  explanation,
  standard,
  settings,
  saveLabel,
}: {
  field: WordingField;
  heading: string;
  label: string;
  explanation: ReactNode;
  standard: string;
  settings: PracticeSettings;
  saveLabel: string;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const { error, saving, save } = useSettingsSave();
  const saved = settings[field];
  const value = draft ?? saved;
  const dirty = value !== saved;
  const inputId = `${field}-text`;
  const noteId = `${field}-note`;
  const errorId = `${field}-error`;

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    const patch = !dirty ? {} : field === 'noticeWhy' ? { noticeWhy: value } : { receptionScript: value };
    if (await save(patch)) setDraft(null);
  }

  return (
    <section className="panel wording" aria-labelledby={`${field}-heading`}>
      <h2 id={`${field}-heading`}>{heading}</h2>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor={inputId}>{label}</label>
          <span id={noteId} className="field-note">
            {explanation}
          </span>
          <textarea id={inputId} rows={5} maxLength={1500} value={value} onChange={(event) => setDraft(event.target.value)} {...describedField(error, field, errorId, noteId)} />
        </div>
        <ErrorMessage error={error} id={errorId} />
        <div className="actions">
          {value !== standard && (
            <button type="button" className="quiet" onClick={() => setDraft(standard)}>
              Use the standard wording
            </button>
          )}
          <Unsaved dirty={dirty} />
          <button type="submit" className="primary" aria-disabled={saving || undefined}>
            {saveLabel}
          </button>
        </div>
      </form>
    </section>
  );
}
