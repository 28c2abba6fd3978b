import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addPracticeDays, practiceDayOf, startOfPracticeDay } from '../../shared/practiceDay.ts';
import { weekdayOf, WEEKDAYS } from '../../shared/rota.ts';
import { FakeClock, must, openTestCore } from '../helpers/fixtures.ts';
import { screen } from './deskPage.ts';
import { useHostInChromium } from './session.ts';

/** Last week, Monday to Friday, whatever day the test runs. */
const today = practiceDayOf(Date.now());
const lastMonday = addPracticeDays(today, -(WEEKDAYS.indexOf(weekdayOf(today)) + 7));
const WEEK = [0, 1, 2, 3, 4].map((n) => addPracticeDays(lastMonday, n));
/** Dr Patel's counted contacts each day (the 26th on Monday recorded as urgent, over the cap); Ben's each day. */
const ADA = [26, 20, 25, 10, 5];
const BEN = 8;

/** The week goes into the data folder through the real core, with a clock set to each day, before the host starts. */
function seedLastWeek(dataDir: string): void {
  const clock = new FakeClock(startOfPracticeDay(WEEK[0] ?? today) + 7 * 3_600_000);
  const core = openTestCore(dataDir, { clock });
  must(core.call('device.update', { staffName: 'JB', deviceName: 'Reception 1' }));
  const ada = must(core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner' })).id;
  const ben = must(core.call('clinician.create', { name: 'Ben Okafor', role: 'practice_nurse' })).id;
  WEEK.forEach((day, index) => {
    clock.set(startOfPracticeDay(day) + 8 * 3_600_000);
    for (let n = 1; n <= (ADA[index] ?? 0); n++) {
      clock.advance(5 * 60_000);
      must(core.call('contact.record', { clinicianId: ada, typeId: 'telephone', ...(n > 25 ? { overCapReason: 'Clinically urgent: needs seeing today' } : {}) }));
    }
    for (let n = 1; n <= BEN; n++) {
      clock.advance(60_000);
      must(core.call('contact.record', { clinicianId: ben, typeId: 'face_to_face' }));
    }
    if (index === 0) {
      for (let n = 0; n < 2; n++) {
        must(core.call('redirection.record', { destinationId: 'builtin-pharmacy-first', reason: 'clinician_at_capacity', patientTold: true, pharmacyFirst: { route: 'signposted' } }));
      }
    }
  });
  core.close();
}

async function downloadExport(page: Page, choose: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), choose()]);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

describe('the practice manager’s week, in Chromium through the browser host', () => {
  const session = useHostInChromium({ folderPrefix: 'contactcap-week-', token: 'week-token-0123456789abcdef-0123', prepare: seedLastWeek });

  it('shows last week’s summary, a chart with its table, and exports CSV and xlsx files that hold the same figures', async () => {
    const { host, browser } = session;
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    await page.goto(host.url);
    await screen(page, 'Reports');
    await page.getByRole('tab', { name: 'Range: week or month' }).click();
    await page.getByRole('button', { name: 'Last week' }).click();

    // Each clinician: days worked, days at or over the cap, average per day and contacts.
    const perClinician = page.getByRole('table', { name: /^Each clinician/ });
    await expect.poll(async () => (await perClinician.getByRole('row', { name: /Dr Ada Patel/ }).textContent()) ?? '').toContain('17.2');
    const adaRow = (await perClinician.getByRole('row', { name: /Dr Ada Patel/ }).textContent()) ?? '';
    expect(adaRow).toContain('86');
    const benRow = (await perClinician.getByRole('row', { name: /Ben Okafor/ }).textContent()) ?? '';
    expect(benRow).toContain('40');

    // The chart of contacts against the cap, with the same figures in its table.
    await page.getByRole('combobox', { name: 'Clinician' }).selectOption({ label: 'Dr Ada Patel' });
    const chart = page.getByRole('img', { name: /Dr Ada Patel/ });
    expect(await chart.count()).toBe(1);
    await page.getByRole('button', { name: 'Show as a table' }).first().click();
    const chartTable = page.getByRole('table', { name: /Dr Ada Patel: counted contacts each day against the cap/ });
    const mondayRow = chartTable.getByRole('row').nth(1);
    const mondayCells = await mondayRow.getByRole('cell').allTextContents();
    expect(mondayCells.slice(0, 2)).toEqual(['26', '25']);

    // Exports: CSV of clinician days, then the workbook.
    await page.getByRole('tab', { name: 'Export' }).click();
    await page.getByRole('button', { name: 'Last week' }).first().click();
    await page.getByRole('radio', { name: /CSV: one table/ }).check();
    await page.getByRole('combobox', { name: 'Table' }).selectOption('clinician-days');
    const csv = await downloadExport(page, () => page.getByRole('button', { name: 'Export', exact: true }).click());
    expect(csv.name).toBe(`contactcap-clinician-days-${WEEK[0] ?? ''}-to-${addPracticeDays(WEEK[0] ?? '', 6)}.csv`);
    const rows = parse<Record<string, string>>(csv.bytes, { bom: true, columns: true });
    expect(rows).toHaveLength(10);
    const monday = rows.find((row) => row.day === WEEK[0] && row.clinician === 'Dr Ada Patel');
    expect(monday).toMatchObject({ contacts_counted: '26', cap: '25', urgent_over_cap: '1', over_cap: '1', percent_of_cap: '104' });
    expect(rows.filter((row) => row.clinician === 'Ben Okafor').map((row) => row.contacts_counted)).toEqual(['8', '8', '8', '8', '8']);

    await page.getByRole('radio', { name: /Spreadsheet \(\.xlsx\)/ }).check();
    const xlsx = await downloadExport(page, () => page.getByRole('button', { name: 'Export', exact: true }).click());
    expect(xlsx.name).toBe(`contactcap-${WEEK[0] ?? ''}-to-${addPracticeDays(WEEK[0] ?? '', 6)}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Summary', 'Clinician days', 'Contacts by type', 'Contacts', 'Redirections', 'Deferrals']);
    const summary = workbook.getWorksheet('Summary');
    const summaryRows = (summary?.getSheetValues() ?? []).slice(2) as unknown[][];
    const adaSummary = summaryRows.find((row) => row[1] === 'Dr Ada Patel');
    expect(adaSummary?.slice(1, 7)).toEqual(['Dr Ada Patel', 'gp_partner', 5, 10, 2, 86]);
    expect(workbook.getWorksheet('Redirections')?.rowCount).toBe(3);
    expect(workbook.getWorksheet('Contacts')?.rowCount).toBe(1 + 86 + 40);
  }, 60_000);
});
