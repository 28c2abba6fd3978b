import type { Core } from '../../main/core/createCore.ts';
import { addPracticeDays } from '../../shared/practiceDay.ts';
import { weekdayOf } from '../../shared/rota.ts';
import { must, openTestCore } from '../helpers/fixtures.ts';
import { percentile, row, timeEach, type Row } from './stats.ts';

/** The most recent weekday before today: a full, ordinary day in the five-year data. */
function lastWorkingDay(today: string): string {
  let day = addPracticeDays(today, -1);
  while (weekdayOf(day) === 'sat' || weekdayOf(day) === 'sun') day = addPracticeDays(day, -1);
  return day;
}

async function timeAsync(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Manager reports and exports on the five-year database (issue 4's targets). */
export async function measureReports(dataDir: string): Promise<Row[]> {
  const core: Core = openTestCore(dataDir);
  try {
    const today = must(core.call('system.status', {})).today;
    const day = lastWorkingDay(today);
    const yearFrom = addPracticeDays(day, -364);
    for (let i = 0; i < 3; i++) must(core.call('report.day', { day }));
    const daily = timeEach(30, () => must(core.call('report.day', { day })));
    const range = timeEach(3, () => must(core.call('report.range', { from: yearFrom, to: day })));
    const rangeReport = must(core.call('report.range', { from: yearFrom, to: day }));
    // The first export is what a manager waits for (code not yet warm); the target applies to it and to the median.
    let csvRows = 0;
    const csvTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      csvTimes.push(
        await timeAsync(async () => {
          csvRows = must(await core.call('export.build', { format: 'csv', table: 'contacts', from: yearFrom, to: day })).rows;
        }),
      );
    }
    let xlsxRows = 0;
    const xlsxTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      xlsxTimes.push(
        await timeAsync(async () => {
          xlsxRows = must(await core.call('export.build', { format: 'xlsx', from: yearFrom, to: day })).rows;
        }),
      );
    }
    return [
      row(`daily summary p50 (${day})`, percentile(daily, 50), null),
      row('daily summary p95', percentile(daily, 95), 50),
      row(`one-year range summary, median of 3 (${rangeReport.totals.counted.toLocaleString('en-GB')} contacts)`, percentile(range, 50), 500),
      row(`a year's CSV of contacts (${csvRows.toLocaleString('en-GB')} rows), first`, csvTimes[0] ?? Number.NaN, 2000),
      row(`a year's CSV of contacts, median of 3`, percentile(csvTimes, 50), 2000),
      row(`a year's .xlsx, every table (${xlsxRows.toLocaleString('en-GB')} rows), first`, xlsxTimes[0] ?? Number.NaN, 5000),
      row(`a year's .xlsx, median of 3`, percentile(xlsxTimes, 50), 5000),
    ];
  } finally {
    core.close();
  }
}
