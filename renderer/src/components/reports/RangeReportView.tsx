import { useEffect } from 'react';
import { ROLE_LABELS } from '../../../../shared/domain.ts';
import type { RangeReport } from '../../../../shared/reports.ts';
import { plural } from '../../format.ts';
import { useReportsStore, type DateRange } from '../../stores/reportsStore.ts';
import { CapChart } from './CapChart.tsx';
import { useToday } from '../../stores/deskStore.ts';
import { daysIn, describeRange, quickRange } from './dates.ts';
import { PrintButtons } from './PrintButtons.tsx';
import { datesProblem, RangePicker, useRangeBoxes } from './RangePicker.tsx';
import { RedirectionChart } from './RedirectionChart.tsx';
import { RedirectionPanels } from './RedirectionPanels.tsx';
import { decimalText, wholeText } from './reportText.ts';
import { NumHead } from './NumHead.tsx';

function Figures({ report }: { report: RangeReport }) {
  const { totals, redirections } = report;
  const { diversions } = redirections;
  const per100 = totals.redirectionsPer100Contacts;
  return (
    <section aria-labelledby="range-totals-heading" className="report-section">
      <h2 id="range-totals-heading">The practice in these dates</h2>
      <dl className="report-figures">
        <div>
          <dt>Counted contacts</dt>
          <dd>{wholeText(totals.counted)}</dd>
        </div>
        <div>
          <dt>Not counted (admin)</dt>
          <dd>{wholeText(totals.notCounted)}</dd>
        </div>
        <div>
          <dt>Urgent over the cap</dt>
          <dd className={totals.urgentOverCap > 0 ? 'flag-urgent' : undefined}>{wholeText(totals.urgentOverCap)}</dd>
        </div>
        <div>
          <dt>Redirected</dt>
          <dd>
            {wholeText(diversions)}
            <span className="report-figure-note">{per100 === null ? 'no contacts to compare' : `${decimalText(per100)} per 100 contacts`}</span>
          </dd>
        </div>
        <div>
          <dt>Emergency escalations</dt>
          <dd>{wholeText(redirections.emergencies)}</dd>
        </div>
        <div>
          <dt>Kept for later</dt>
          <dd>{wholeText(totals.deferrals)}</dd>
        </div>
      </dl>
    </section>
  );
}

/** Of a clinician's counted contacts, those on days off: a dash, heard as "none", when there were none. */
function DaysOffCell({ count }: { count: number }) {
  if (count > 0) return <td className="num">{wholeText(count)}</td>;
  return (
    <td className="num muted">
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">none</span>
    </td>
  );
}

function ClinicianTable({ report }: { report: RangeReport }) {
  const { totals } = report;
  // Shown only when there are any: then Counted ÷ Days worked is not the average, and this says why.
  const daysOff = totals.countedOnDaysOff > 0;
  return (
    <section aria-labelledby="range-clinicians-heading" className="report-section">
      <h2 id="range-clinicians-heading">Each clinician</h2>
      {report.clinicians.length === 0 ? (
        <p className="empty">Nobody worked and no contacts were recorded in these dates.</p>
      ) : (
        <table className="report-table range-table" aria-describedby={daysOff ? 'range-days-off' : undefined}>
          <caption className="visually-hidden">Each clinician, {describeRange(report)}: days worked, days at or over the cap, averages and contacts</caption>
          <thead>
            <tr>
              <th scope="col">Clinician</th>
              <NumHead>Days worked</NumHead>
              <NumHead>Days at or over cap</NumHead>
              <NumHead>Average a day</NumHead>
              <NumHead>Average a session</NumHead>
              <NumHead>Counted</NumHead>
              {daysOff && <NumHead>On days off</NumHead>}
              <NumHead>Not counted</NumHead>
              <NumHead>Urgent over cap</NumHead>
            </tr>
          </thead>
          <tbody>
            {report.clinicians.map((row) => (
              <tr key={row.clinicianId}>
                <th scope="row" className="report-who">
                  <span className="report-name">{row.name}</span>
                  <span className="who-detail">{ROLE_LABELS[row.role]}</span>
                </th>
                <td className="num">{row.daysWorked}</td>
                <td className="num">{row.daysAtOrOverCap}</td>
                <td className="num">{decimalText(row.averagePerDay)}</td>
                <td className="num">{decimalText(row.averagePerSession)}</td>
                <td className="num report-strong">{wholeText(row.counted)}</td>
                {daysOff && <DaysOffCell count={row.countedOnDaysOff} />}
                <td className="num">{wholeText(row.notCounted)}</td>
                <td className={`num${row.urgentOverCap > 0 ? ' flag-urgent' : ''}`}>{row.urgentOverCap}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Practice</th>
              <td className="num">{wholeText(totals.daysWorked)}</td>
              <td className="num">{wholeText(totals.daysAtOrOverCap)}</td>
              <td className="num">{decimalText(totals.averagePerDay)}</td>
              <td />
              <td className="num report-strong">{wholeText(totals.counted)}</td>
              {daysOff && <td className="num">{wholeText(totals.countedOnDaysOff)}</td>}
              <td className="num">{wholeText(totals.notCounted)}</td>
              <td className={`num${totals.urgentOverCap > 0 ? ' flag-urgent' : ''}`}>{totals.urgentOverCap}</td>
            </tr>
          </tfoot>
        </table>
      )}
      {daysOff && (
        <p className="hint" id="range-days-off">
          On days off: {totals.countedOnDaysOff === 1 ? '1 counted contact was' : `${wholeText(totals.countedOnDaysOff)} counted contacts were`} recorded on a day
          the rota had the clinician off. {totals.countedOnDaysOff === 1 ? 'It is' : 'They are'} in Counted, but not in the averages, which are of the days and
          sessions worked.
        </p>
      )}
    </section>
  );
}

function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/** Redirections by the hour they were made: the hours with any, from the first to the last. */
function ByHour({ hours }: { hours: number[] }) {
  const busy = hours.flatMap((count, hour) => (count > 0 ? [hour] : []));
  const first = busy[0];
  const last = busy.at(-1);
  const most = Math.max(1, ...hours);
  return (
    <section aria-labelledby="range-hours-heading" className="report-section report-hours">
      <h2 id="range-hours-heading">By hour of the day</h2>
      {first === undefined || last === undefined ? (
        <p className="muted">None.</p>
      ) : (
        <table className="report-table compact-table hours-table">
          <caption className="visually-hidden">Redirections by hour of the day</caption>
          <thead>
            <tr>
              <th scope="col">Hour</th>
              <NumHead>Patients</NumHead>
              <th scope="col">
                <span className="visually-hidden">Bar</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {hours.slice(first, last + 1).map((count, index) => (
              <tr key={first + index}>
                <th scope="row">
                  {hourLabel(first + index)}
                  <span className="visually-hidden"> to {hourLabel(first + index).replace(':00', ':59')}</span>
                </th>
                <td className="num">{count}</td>
                <td className="hour-bar-cell" aria-hidden="true">
                  <span className="hour-bar" style={{ width: `${(count / most) * 100}%` }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A week, a month or any dates: per clinician, redirections, and charts with their tables. */
export function RangeReportView() {
  const today = useToday();
  const stored = useReportsStore((state) => state.range);
  const report = useReportsStore((state) => state.rangeReport);
  const error = useReportsStore((state) => state.rangeError);
  const showRange = useReportsStore((state) => state.showRange);
  const range: DateRange = stored ?? quickRange('this-week', today);
  const dates = useRangeBoxes(range, (next) => void showRange(next), 'report');

  useEffect(() => {
    void showRange(useReportsStore.getState().range ?? quickRange('this-week', today));
  }, [showRange, today]);

  const ready = report !== null && report.from === range.from && report.to === range.to;
  const title = describeRange(range);
  const fileName = range.from === range.to ? `contactcap-${range.from}.pdf` : `contactcap-${range.from}-to-${range.to}.pdf`;

  return (
    <div className="report-view">
      <div className="report-toolbar no-print">
        <RangePicker dates={dates} stillShowing={`Still showing ${title}.`} />
        <PrintButtons what="summary" fileName={fileName} datesProblem={() => datesProblem(dates)} />
      </div>
      <article className="printable report-sheet" aria-labelledby="range-title" aria-busy={!ready}>
        <header className="report-title">
          <h2 id="range-title">
            Summary: {title} <span className="muted">({plural(daysIn(range), 'day')})</span>
          </h2>
          {report && report.practiceName !== '' && <p className="report-practice">{report.practiceName}</p>}
        </header>
        {error && (
          <p role="alert" className="banner banner-error inline">
            {error}
          </p>
        )}
        {!ready && !error && <p className="muted">Loading the summary…</p>}
        {ready && (
          <>
            <Figures report={report} />
            <ClinicianTable report={report} />
            <RedirectionPanels redirections={report.redirections} deferrals={report.deferrals} idPrefix="range" extra={<ByHour hours={report.redirectionsByHour} />} />
            <div className="report-charts">
              <CapChart report={report} />
              <RedirectionChart report={report} />
            </div>
          </>
        )}
      </article>
    </div>
  );
}
