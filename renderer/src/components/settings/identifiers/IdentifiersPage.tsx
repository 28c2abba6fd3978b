import { useEffect } from 'react';
import type { IdentifierSummary } from '../../../../../shared/identifiers.ts';
import { formatLongDate, plural } from '../../../format.ts';
import { useIdentifiersStore } from '../../../stores/identifiersStore.ts';
import { useSettingsStore } from '../../../stores/settingsStore.ts';
import { SETTINGS_TAB_LABELS, useUiStore } from '../../../stores/uiStore.ts';
import { IdentifierFinder } from './IdentifierFinder.tsx';
import { coreToday } from './identifierWords.ts';
import { RetentionSection } from './RetentionSection.tsx';

/**
 * Settings → Patient identifiers (managers): what NHS numbers and notes this PC
 * holds and for how long, a search, and erasure on request. The core decides
 * who may see them; anyone else is shown its refusal.
 */
export function IdentifiersPage() {
  const summary = useIdentifiersStore((state) => state.summary);
  const summaryError = useIdentifiersStore((state) => state.summaryError);
  const load = useIdentifiersStore((state) => state.load);
  const watch = useIdentifiersStore((state) => state.watch);
  const settings = useSettingsStore((state) => state.settings);

  useEffect(() => {
    void load();
    return watch();
  }, [load, watch]);

  if (!summary) {
    return (
      <section className="panel" aria-labelledby="identifiers-page-heading">
        <h2 id="identifiers-page-heading">Patient identifiers on this PC</h2>
        {summaryError ? <p className="banner banner-info inline">{summaryError}</p> : <p className="muted">Loading…</p>}
      </section>
    );
  }

  return (
    <div className="settings identifiers-page">
      <div className="settings-column">
        <section className="panel" aria-labelledby="identifiers-page-heading">
          <h2 id="identifiers-page-heading">Patient identifiers on this PC</h2>
          <Collecting collecting={summary.collecting} held={summary.held} />
          <Held summary={summary} />
        </section>
        {settings && <RetentionSection settings={settings} summary={summary} />}
      </div>
      <IdentifierFinder today={coreToday(summary)} />
    </div>
  );
}

/** Whether reception is asked for identifiers now, and where that is changed. */
function Collecting({ collecting, held }: { collecting: boolean; held: number }) {
  const openSettings = useUiStore((state) => state.openSettings);
  // The link and the words after it keep to one line.
  const where = (
    <span className="nowrap">
      <button type="button" className="link" onClick={() => openSettings('practice')}>
        {SETTINGS_TAB_LABELS.practice}
      </button>
      , in “Patient identifiers”.
    </span>
  );
  if (collecting) {
    return (
      <p>
        Reception can add a patient’s NHS number to a redirection, and a short note to a redirection or to a patient kept for later, so the practice can follow
        them up. The counts never depend on them. This is switched on or off under {where}
      </p>
    );
  }
  return (
    <p>
      <strong>Not collecting.</strong> Reception is not asked for NHS numbers or notes, so none are kept from new records.
      {held > 0 && ' Those recorded while it was on are listed here, and are kept and erased as set below.'} To start collecting, tick “Record NHS numbers on
      redirections” under {where}
    </p>
  );
}

/** How many records hold identifiers here and elsewhere, and how long they are kept, in plain words. */
function Held({ summary }: { summary: IdentifierSummary }) {
  const days = plural(summary.retentionDays, 'day');
  return (
    <ul className="identifier-facts">
      <li>
        <strong>Held on this PC:</strong>{' '}
        {summary.held === 0
          ? 'no NHS numbers or notes.'
          : `the NHS number or note of ${plural(summary.held, 'record')}${summary.oldestDay ? `, the oldest from ${formatLongDate(summary.oldestDay)}` : ''}.`}
      </li>
      <li>
        <strong>Kept for {days}:</strong> each record’s NHS number and note are kept for {days} after the day it was recorded, then erased on every PC of the practice.
        Anything recorded before {formatLongDate(summary.keptFrom)} has been erased already.
      </li>
      {summary.elsewhere > 0 && (
        <li>
          <strong>Not here yet:</strong> {plural(summary.elsewhere, 'record')} made on another PC {summary.elsewhere === 1 ? 'has' : 'have'} an NHS number or note this
          PC has not received: {summary.elsewhere === 1 ? 'it arrives' : 'they arrive'} once that PC is connected. Erasing {summary.elsewhere === 1 ? 'it' : 'them'} here
          erases {summary.elsewhere === 1 ? 'it' : 'them'} there too.
        </li>
      )}
      {summary.erased > 0 && (
        <li>
          <strong>Erased:</strong> {plural(summary.erased, 'record')}, on request or after the retention period. The records themselves, and every count, stay.
        </li>
      )}
    </ul>
  );
}
