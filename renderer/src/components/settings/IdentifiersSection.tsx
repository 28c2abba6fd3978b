import { useState, type SyntheticEvent } from 'react';
import type { PracticeSettings } from '../../../../shared/settings.ts';
import { SETTINGS_TAB_LABELS, useUiStore } from '../../stores/uiStore.ts';
import { describedField, SaveFooter, useSettingsSave } from './sectionSave.tsx';

const ERROR_ID = 'identifiers-error';

/** Whether reception may record a patient's NHS number on a redirection: off unless the practice decides otherwise. */
export function IdentifiersSection({ settings }: { settings: PracticeSettings }) {
  const [draft, setDraft] = useState<boolean | null>(null);
  const { error, saving, save } = useSettingsSave();
  const openSettings = useUiStore((state) => state.openSettings);
  const collect = draft ?? settings.collectNhsNumber;
  const dirty = collect !== settings.collectNhsNumber;

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (await save(dirty ? { collectNhsNumber: collect } : {})) setDraft(null);
  }

  return (
    <section className="panel settings-section" aria-labelledby="identifiers-heading">
      <h2 id="identifiers-heading">Patient identifiers</h2>
      <form onSubmit={(event) => void submit(event)}>
        <label className="check">
          <input type="checkbox" checked={collect} onChange={(event) => setDraft(event.target.checked)} {...describedField(error, 'collectNhsNumber', ERROR_ID, 'nhs-note')} />
          Record NHS numbers on redirections
        </label>
        <div id="nhs-note" className="field-note explain">
          <p>
            Off by default. ContactCap counts contacts without knowing who the patients are, which keeps patient data to the minimum UK GDPR asks for.
          </p>
          <p>
            When it is on, reception can add a patient’s NHS number to a redirection, and a short note to a redirection or to a patient kept for later, so the
            practice can follow it up. When it is off there are no notes about patients. Either way, an NHS number typed into any other box (a reason, a name) is
            refused: records are kept for good.
          </p>
          <p>
            NHS numbers and notes already recorded, how long they are kept, and erasing them when a patient asks: the{' '}
            <button type="button" className="link" onClick={() => openSettings('identifiers')}>
              {SETTINGS_TAB_LABELS.identifiers}
            </button>{' '}
            tab.
          </p>
        </div>
        <SaveFooter error={error} errorId={ERROR_ID} dirty={dirty} busy={saving} label="Save NHS number setting" />
      </form>
    </section>
  );
}
