import { useEffect, useState } from 'react';
import { reachedCap } from '../../../../shared/capacity.ts';
import { ROLE_LABELS } from '../../../../shared/domain.ts';
import { addPracticeDays } from '../../../../shared/practiceDay.ts';
import type { ClinicianDayReport, DayReport } from '../../../../shared/reports.ts';
import { formatLongDate, formatTime, plural } from '../../format.ts';
import { useReportsStore } from '../../stores/reportsStore.ts';
import { useToday } from '../../stores/deskStore.ts';
import { boxProblem, readBoxById, readingOf } from './dateBoxes.ts';
import { DayExportButton } from './DayExportButton.tsx';
import { PrintButtons } from './PrintButtons.tsx';
import { RedirectionPanels } from './RedirectionPanels.tsx';
import { countedSplitText, percentText, sessionsLabel, typeCounts, typeText, wholeText } from './reportText.ts';
import { NumHead } from './NumHead.tsx';

/** A time of day, or a dash that is heard as "not reached". */
function TimeCell({ iso }: { iso: string | null }) {
  if (iso === null) {
    return (
      <td className="num">
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">not reached</span>
      </td>
    );
  }
  return <td className="num">{formatTime(iso)}</td>;
}

function TypesCell({ byType, report }: { byType: Record<string, number>; report: DayReport }) {
  const counts = typeCounts(byType, report.types);
  return (
    <td className="report-types">
      <span aria-hidden="true">{typeText(counts, false)}</span>
      <span className="visually-hidden">{typeText(counts, true)}</span>
    </td>
  );
}

/** "104%" with a word when the cap was reached, so it never rests on colour. */
function PercentCell({ row }: { row: ClinicianDayReport }) {
  if (row.percentOfCap === null) return <td className="num muted">—</td>;
  const reached = reachedCap(row.counted, row.cap, row.capped);
  return (
    <td className={`num${reached ? ' report-at-cap' : ''}`}>
      {percentText(row.percentOfCap)}
      {reached && <span className="report-cap-word">{row.counted > row.cap ? ' over' : ' full'}</span>}
    </td>
  );
}

function ClinicianRow({ row, report }: { row: ClinicianDayReport; report: DayReport }) {
  return (
    <tr className={row.working ? undefined : 'report-off-rota'}>
      <th scope="row" className="report-who">
        <span className="report-name">{row.name}</span>
        {row.duty && <span className="badge-duty">Duty</span>}
        <span className="who-detail">{ROLE_LABELS[row.role]}</span>
      </th>
      <td>{sessionsLabel(row.sessions, row.working)}</td>
      <td className="num">{row.capped ? row.cap : <span className="muted">Not capped</span>}</td>
      <td className="num report-strong">{row.counted}</td>
      <TypesCell byType={row.byType} report={report} />
      <td className="num">{row.notCounted}</td>
      <PercentCell row={row} />
      <TimeCell iso={row.warnedAt} />
      <TimeCell iso={row.fullAt} />
      <td className={`num${row.urgentOverCap > 0 ? ' flag-urgent' : ''}`}>{row.urgentOverCap}</td>
    </tr>
  );
}

function ClinicianTable({ report }: { report: DayReport }) {
  const { totals } = report;
  const split = countedSplitText(totals);
  return (
    <section aria-labelledby="day-clinicians-heading" className="report-section">
      <h2 id="day-clinicians-heading">Each clinician</h2>
      <p className="report-cap-basis" id="day-cap-basis">
        <strong>About the caps:</strong> {report.capBasis} {report.capMode === 'session' ? 'Caps apply per session (morning and afternoon).' : 'Caps apply per day.'}{' '}
        Nearly full from {report.warningPercent}% of the cap.
      </p>
      {report.clinicians.length === 0 ? (
        <p className="empty">Nobody was on the rota and no contacts were recorded.</p>
      ) : (
        <table className="report-table day-table" aria-describedby="day-cap-basis">
          <caption className="visually-hidden">Each clinician on {formatLongDate(report.day)}: sessions, cap, contacts by type, and when they were nearly full and full</caption>
          <thead>
            <tr>
              <th scope="col">Clinician</th>
              <th scope="col">Sessions</th>
              <NumHead>Cap</NumHead>
              <NumHead>Counted</NumHead>
              <th scope="col">By type</th>
              <NumHead>Not counted</NumHead>
              <NumHead>% of cap</NumHead>
              <NumHead>Nearly full at</NumHead>
              <NumHead>Full at</NumHead>
              <NumHead>Urgent over cap</NumHead>
            </tr>
          </thead>
          <tbody>
            {report.clinicians.map((row) => (
              <ClinicianRow key={row.clinicianId} row={row} report={report} />
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">
                Practice
                <span className="who-detail">
                  {plural(totals.cliniciansWorking, 'clinician')} working, {totals.atOrOverCap} at or over cap
                </span>
              </th>
              <td />
              <td className="num">
                {totals.cap > 0 ? wholeText(totals.cap) : '—'}
                {totals.cap > 0 && <span className="who-detail">capped clinicians</span>}
              </td>
              <td className="num report-strong">
                {wholeText(totals.counted)}
                {split && <span className="who-detail">{split}</span>}
              </td>
              <TypesCell byType={totals.byType} report={report} />
              <td className="num">{wholeText(totals.notCounted)}</td>
              <td className="num">
                {percentText(totals.percentOfCap)}
                {totals.percentOfCap !== null && <span className="who-detail">of capped</span>}
              </td>
              <td />
              <td />
              <td className={`num${totals.urgentOverCap > 0 ? ' flag-urgent' : ''}`}>{totals.urgentOverCap}</td>
            </tr>
          </tfoot>
        </table>
      )}
      {report.clinicians.some((row) => !row.working) && (
        <p className="hint">“Not on the rota”: contacts were recorded for a clinician the rota had off that day.</p>
      )}
      {report.totals.lateEntries > 0 && (
        <p className="hint">
          Includes {report.totals.lateEntries === 1 ? '1 late entry' : `${report.totals.lateEntries} late entries`}: recorded on a later day, each with a reason (see the contacts
          export).
        </p>
      )}
    </section>
  );
}

/**
 * The Date box: it keeps what is typed, so a date can be typed a part at a
 * time, and a day chosen by the buttons shows in it. While it holds no real
 * date the day before stays on show, and `problemNow` (asked before Print or
 * Export) says so, with the focus put in the box.
 */
const DATE_BOX = 'day-date';

function useDayBox(shown: string, showDay: (day: string) => Promise<void>) {
  const [typed, setTyped] = useState({ day: shown, reading: readingOf(shown) });
  if (typed.day !== shown) setTyped({ day: shown, reading: readingOf(shown) });

  function read() {
    const reading = readBoxById(DATE_BOX) ?? typed.reading;
    setTyped({ day: shown, reading });
    return reading;
  }

  return {
    text: typed.reading.text,
    problem: boxProblem(null, typed.reading),
    typed: () => {
      const reading = read();
      if (boxProblem(null, reading) === null) void showDay(reading.text);
    },
    /** A day from the buttons: the box shows it, whatever it held. */
    choose: (day: string) => {
      setTyped({ day, reading: readingOf(day) });
      void showDay(day);
    },
    problemNow: (): string | null => {
      const problem = boxProblem('Date', read());
      if (problem) document.getElementById(DATE_BOX)?.focus();
      return problem;
    },
  };
}

/** The day's summary, as the practice manager reads it at the end of the day. */
export function DayReportView() {
  const today = useToday();
  const shown = useReportsStore((state) => state.day) ?? today;
  const report = useReportsStore((state) => state.dayReport);
  const error = useReportsStore((state) => state.dayError);
  const showDay = useReportsStore((state) => state.showDay);
  const date = useDayBox(shown, showDay);

  useEffect(() => {
    void showDay(useReportsStore.getState().day ?? today);
  }, [showDay, today]);

  const ready = report?.day === shown;
  const longDate = formatLongDate(shown);
  const dateProblem = date.problem === null ? null : `${date.problem} Still showing ${longDate}.`;

  return (
    <div className="report-view">
      <div className="report-toolbar no-print">
        <label className="rota-date">
          Date
          <input
            id={DATE_BOX}
            type="date"
            value={date.text}
            aria-invalid={dateProblem !== null || undefined}
            aria-describedby={dateProblem === null ? undefined : 'day-date-problem'}
            onChange={date.typed}
          />
        </label>
        <div className="rota-nav" role="group" aria-label="Move between dates">
          <button type="button" onClick={() => date.choose(addPracticeDays(shown, -1))}>
            <span aria-hidden="true">‹ </span>Previous day
          </button>
          <button type="button" onClick={() => date.choose(addPracticeDays(shown, 1))}>
            Next day<span aria-hidden="true"> ›</span>
          </button>
          <button type="button" onClick={() => date.choose(today)} aria-pressed={shown === today && dateProblem === null}>
            Today
          </button>
        </div>
        <PrintButtons what="daily summary" fileName={`contactcap-${shown}.pdf`} datesProblem={date.problemNow} />
        <DayExportButton day={shown} datesProblem={date.problemNow} />
        {dateProblem && (
          <p id="day-date-problem" role="alert" className="field-error range-problem">
            {dateProblem}
          </p>
        )}
      </div>
      <article className="printable report-sheet day-sheet" aria-labelledby="day-title" aria-busy={!ready}>
        <header className="report-title">
          <h2 id="day-title">
            Daily summary: {longDate}
            {shown === today && <span className="muted"> (today, so far)</span>}
          </h2>
          {report && report.practiceName !== '' && <p className="report-practice">{report.practiceName}</p>}
        </header>
        {error && (
          <p role="alert" className="banner banner-error inline">
            {error}
          </p>
        )}
        {!ready && !error && <p className="muted">Loading the summary for {longDate}…</p>}
        {ready && shown > today && <p className="empty">This date is still to come: nothing has happened yet.</p>}
        {ready && shown <= today && (
          <>
            <ClinicianTable report={report} />
            <RedirectionPanels redirections={report.redirections} deferrals={report.deferrals} idPrefix="day" />
          </>
        )}
      </article>
    </div>
  );
}
