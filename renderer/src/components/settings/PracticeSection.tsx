import { useState, type SyntheticEvent } from 'react';
import type { PracticeSettings } from '../../../../shared/settings.ts';
import { invalidIf } from '../common/fields.tsx';
import { describedField, parseWhole, SaveFooter, useSettingsSave, type SettingsPatch } from './sectionSave.tsx';

interface Draft {
  practiceName?: string;
  listSize?: string;
  capBasis?: string;
}

const ERROR_ID = 'practice-error';

/** The practice's name, list size and what its cap is based on. */
export function PracticeSection({ settings }: { settings: PracticeSettings }) {
  const [draft, setDraft] = useState<Draft>({});
  const { error, setError, saving, save } = useSettingsSave();
  const savedListSize = settings.listSize === null ? '' : String(settings.listSize);
  const practiceName = draft.practiceName ?? settings.practiceName;
  const listSize = draft.listSize ?? savedListSize;
  const capBasis = draft.capBasis ?? settings.capBasis;
  const dirty = practiceName !== settings.practiceName || listSize !== savedListSize || capBasis !== settings.capBasis;

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    const patch: SettingsPatch = {};
    if (practiceName !== settings.practiceName) patch.practiceName = practiceName;
    if (capBasis !== settings.capBasis) patch.capBasis = capBasis;
    const size = parseWhole(listSize);
    if (size !== null && Number.isNaN(size)) {
      setError({ message: 'Enter the list size as a whole number, for example 9500, or leave it blank.', field: 'listSize' });
      return;
    }
    if (size !== settings.listSize) patch.listSize = size;
    if (await save(patch)) setDraft({});
  }

  return (
    <section className="panel settings-section" aria-labelledby="practice-heading">
      <h2 id="practice-heading">Practice</h2>
      <form onSubmit={(event) => void submit(event)}>
        <label className="field">
          Practice name
          <input value={practiceName} onChange={(event) => setDraft({ ...draft, practiceName: event.target.value })} {...invalidIf(error, 'practiceName', ERROR_ID)} />
        </label>
        <div className="field narrow">
          <label htmlFor="list-size">List size (optional)</label>
          <input
            id="list-size"
            value={listSize}
            inputMode="numeric"
            {...describedField(error, 'listSize', ERROR_ID, 'list-size-note')}
            onChange={(event) => setDraft({ ...draft, listSize: event.target.value })}
          />
          <span id="list-size-note" className="field-note">
            Registered patients, for the LMC’s GPAS return. Leave blank if you would rather not say.
          </span>
        </div>
        <div className="field">
          <label htmlFor="cap-basis">What the cap is based on</label>
          <textarea
            id="cap-basis"
            rows={2}
            value={capBasis}
            {...describedField(error, 'capBasis', ERROR_ID, 'cap-basis-note')}
            onChange={(event) => setDraft({ ...draft, capBasis: event.target.value })}
          />
          <span id="cap-basis-note" className="field-note">
            Shown beside the caps, so everyone can see the cap is the practice’s own decision.
          </span>
        </div>
        <SaveFooter error={error} errorId={ERROR_ID} dirty={dirty} busy={saving} label="Save practice details" />
      </form>
    </section>
  );
}
