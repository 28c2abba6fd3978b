import { useState, type SyntheticEvent } from 'react';
import { isClockTime } from '../../../../shared/practiceDay.ts';
import { BOARD_ORDER_LABELS, BOARD_ORDERS, MAX_LATE_ENTRY_DAYS, type BoardOrder, type PracticeSettings } from '../../../../shared/settings.ts';
import { describedField, parseWhole, SaveFooter, useSettingsSave, type SettingsPatch } from './sectionSave.tsx';

interface Draft {
  boardOrder?: BoardOrder;
  dayEnd?: string;
  lateEntryDays?: string;
}

const ERROR_ID = 'desk-error';

/** How the reception board is ordered, when the last session ends, and how far back a forgotten entry may go. */
export function DeskSection({ settings }: { settings: PracticeSettings }) {
  const [draft, setDraft] = useState<Draft>({});
  const { error, setError, saving, save } = useSettingsSave();
  const boardOrder = draft.boardOrder ?? settings.boardOrder;
  const dayEnd = draft.dayEnd ?? settings.dayEnd;
  const lateText = draft.lateEntryDays ?? String(settings.lateEntryDays);
  const dirty = boardOrder !== settings.boardOrder || dayEnd !== settings.dayEnd || lateText !== String(settings.lateEntryDays);

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    const patch: SettingsPatch = {};
    if (!isClockTime(dayEnd)) {
      setError({ message: 'Enter the time the last session ends as HH:MM, for example 18:30.', field: 'dayEnd' });
      return;
    }
    const late = parseWhole(lateText);
    if (late === null || Number.isNaN(late)) {
      setError({ message: `Enter how many days back late entries may go, as a whole number from 0 to ${MAX_LATE_ENTRY_DAYS}, for example 7.`, field: 'lateEntryDays' });
      return;
    }
    if (boardOrder !== settings.boardOrder) patch.boardOrder = boardOrder;
    if (dayEnd !== settings.dayEnd) patch.dayEnd = dayEnd;
    if (late !== settings.lateEntryDays) patch.lateEntryDays = late;
    if (await save(patch)) setDraft({});
  }

  return (
    <section className="panel settings-section" aria-labelledby="desk-heading">
      <h2 id="desk-heading">Reception desk</h2>
      <form onSubmit={(event) => void submit(event)}>
        <div className="field narrow">
          <label htmlFor="board-order">Order of the board</label>
          <select id="board-order" value={boardOrder} onChange={(event) => setDraft({ ...draft, boardOrder: event.target.value as BoardOrder })} {...describedField(error, 'boardOrder', ERROR_ID, 'board-order-note')}>
            {BOARD_ORDERS.map((order) => (
              <option key={order} value={order}>
                {BOARD_ORDER_LABELS[order]}
              </option>
            ))}
          </select>
          <span id="board-order-note" className="field-note">
            Every clinician keeps their row and their key whether they are working, absent or finished, so nobody’s key moves. Keys are set on the Clinicians screen.
          </span>
        </div>
        <div className="field narrow">
          <label htmlFor="day-end">The afternoon session ends at</label>
          <input
            id="day-end"
            value={dayEnd}
            inputMode="numeric"
            placeholder="18:30"
            {...describedField(error, 'dayEnd', ERROR_ID, 'day-end-note')}
            onChange={(event) => setDraft({ ...draft, dayEnd: event.target.value.slice(0, 5) })}
          />
          <span id="day-end-note" className="field-note">
            After it, clinicians are shown finished for today and are not offered for routine contacts (an urgent one can always be recorded). Morning-only
            clinicians finish when the afternoon starts.
          </span>
        </div>
        <div className="field narrow">
          <label htmlFor="late-days">Late entries: how many days back</label>
          <input id="late-days" value={lateText} inputMode="numeric" {...describedField(error, 'lateEntryDays', ERROR_ID, 'late-days-note')} onChange={(event) => setDraft({ ...draft, lateEntryDays: event.target.value })} />
          <span id="late-days-note" className="field-note">
            A forgotten contact, redirection or deferral can be entered for an earlier day, with a reason, up to this many days back (0 turns it off).
          </span>
        </div>
        <SaveFooter error={error} errorId={ERROR_ID} dirty={dirty} busy={saving} label="Save reception settings" />
      </form>
    </section>
  );
}
