import { useEffect, useRef, useState } from 'react';
import { DEFAULT_NOTICE_WHY, DEFAULT_RECEPTION_SCRIPT } from '../../../../shared/actions.ts';
import { plural } from '../../format.ts';
import { useCatalogueStore } from '../../stores/catalogueStore.ts';
import { useReportsStore } from '../../stores/reportsStore.ts';
import { useSettingsStore } from '../../stores/settingsStore.ts';
import { useToday } from '../../stores/deskStore.ts';
import { PracticeNameMissing } from '../setup/PracticeNameMissing.tsx';
import { ActionItem } from './ActionItem.tsx';
import { takenOn } from './actionDates.ts';
import { AddActionForm } from './AddActionForm.tsx';
import { PatientNotice } from './PatientNotice.tsx';
import { WordingSection } from './WordingSection.tsx';

/**
 * Collective action: the register (the BMA's actions and the practice's own),
 * the patient notice that follows from it, and what reception says when a
 * clinician is full.
 */
export function ActionScreen() {
  const today = useToday();
  const actions = useReportsStore((state) => state.actions);
  const loadError = useReportsStore((state) => state.actionsError);
  const loadActions = useReportsStore((state) => state.loadActions);
  const settings = useSettingsStore((state) => state.settings);
  const directory = useCatalogueStore((state) => state.directory);
  const [adding, setAdding] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);

  const closeAdd = () => {
    setAdding(false);
    // The form goes: the focus goes back to the button that opened it.
    window.setTimeout(() => addButton.current?.focus(), 0);
  };

  useEffect(() => {
    void loadActions();
  }, [loadActions]);

  const takenToday = (actions ?? []).filter((action) => takenOn(action, today));

  return (
    <div className="action-screen print-scope">
      <div className="action-column no-print">
        <section className="panel" aria-labelledby="register-heading">
          <div className="toolbar">
            <h2 id="register-heading">The register</h2>
            <button ref={addButton} type="button" aria-expanded={adding} aria-controls="add-action-form" onClick={() => (adding ? closeAdd() : setAdding(true))}>
              Add an action
            </button>
          </div>
          <div id="add-action-form">{adding && <AddActionForm today={today} onDone={closeAdd} />}</div>
          <p className="muted">
            The BMA’s list of collective actions, and any the practice adds. Tick those the practice is taking and say from when; the patient notice lists the
            ones being taken today, in the words for patients below each. The notice always opens with the limit on each clinician’s patients, so the first
            action is not listed again.
          </p>
          {loadError && (
            <p role="alert" className="banner banner-error inline">
              {loadError}
            </p>
          )}
          {actions === null ? (
            <p className="muted">Loading the register…</p>
          ) : (
            <>
              <p className="action-count">
                <strong>{plural(takenToday.length, 'action')}</strong> taken today, of {actions.length} in the register.
              </p>
              <ul className="action-list">
                {actions.map((action) => (
                  <ActionItem key={action.id} action={action} today={today} />
                ))}
              </ul>
            </>
          )}
        </section>
      </div>
      <div className="action-column">
        <section className="panel notice-panel" aria-labelledby="notice-heading">
          <div className="toolbar no-print">
            <h2 id="notice-heading">Patient notice</h2>
            <button type="button" className="primary" onClick={() => window.print()}>
              Print the notice
            </button>
          </div>
          <p className="muted no-print">For the waiting room, the door and the website. It changes as the register and the services change.</p>
          {settings?.practiceName === '' && <PracticeNameMissing what="the notice" />}
          {settings && actions !== null ? (
            <PatientNotice practiceName={settings.practiceName} why={settings.noticeWhy} actions={actions} directory={directory} today={today} />
          ) : (
            <p className="muted">Loading…</p>
          )}
        </section>
        {settings && (
          <div className="no-print action-wording">
            <WordingSection
              field="noticeWhy"
              heading="Why: on the notice"
              label="Why the practice is taking action"
              explanation="Printed under “Why” on the patient notice."
              standard={DEFAULT_NOTICE_WHY}
              settings={settings}
              saveLabel="Save the notice’s wording"
            />
            <WordingSection
              field="receptionScript"
              heading="What reception says when a clinician is full"
              label="Reception script"
              explanation="Shown to reception under “What to say” when a clinician is full and they choose where the patient goes. Words in [brackets] are for reception to fill in."
              standard={DEFAULT_RECEPTION_SCRIPT}
              settings={settings}
              saveLabel="Save the script"
            />
          </div>
        )}
      </div>
    </div>
  );
}
