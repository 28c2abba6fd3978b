import { describe, expect, it } from 'vitest';
import { addPracticeDays, practiceDayOf, startOfPracticeDay } from '../../shared/practiceDay.ts';
import { weekdayOf, WEEKDAYS } from '../../shared/rota.ts';
import { FakeClock, must, openTestCore } from '../helpers/fixtures.ts';
import { screen } from './deskPage.ts';
import { useHostInChromium } from './session.ts';

/**
 * Contacts on a day off are counted but left out of the averages
 * (services/reports/clinicianDay.ts). The Range screen says so where the
 * averages are read, only when there are any, within 1366 px and an A4 page.
 *
 * Last week, by hand: Dr Ada Patel (Monday to Friday on the usual rota) sees
 * 10, 12, –, 8 and 0 on the days she works, 2 on the Wednesday she has off and
 * 3 on the Saturday: 35 counted, 5 on days off; 4 days worked and 8 sessions,
 * so 30 ÷ 4 = 7.5 a day and 30 ÷ 8 = 3.75, shown 3.8, a session. Ben Okafor
 * sees 4 a day Monday to Friday: 20, 4 a day, 2 a session. Two more with
 * long names and roles (the widest a printed row gets) are on the rota all
 * week and see nobody. The practice: 55 counted, 5 on days off, 4 + 5 + 5 + 5
 * = 19 days worked, 50 ÷ 19 = 2.63, shown 2.6, a day.
 */
const today = practiceDayOf(Date.now());
const lastMonday = addPracticeDays(today, -(WEEKDAYS.indexOf(weekdayOf(today)) + 7));
const day = (n: number) => addPracticeDays(lastMonday, n);
const URGENT = 'Clinically urgent: needs seeing today';

function seedLastWeek(dataDir: string): void {
  const clock = new FakeClock(startOfPracticeDay(lastMonday) + 7 * 3_600_000);
  const core = openTestCore(dataDir, { clock });
  must(core.call('device.update', { staffName: 'JB', deviceName: 'Reception 1' }));
  must(core.call('settings.update', { setup: 'done' }));
  const ada = must(core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner' })).id;
  const ben = must(core.call('clinician.create', { name: 'Ben Okafor', role: 'practice_nurse' })).id;
  must(core.call('clinician.create', { name: 'Dr Francesca Montgomery-Richardson', role: 'gp_partner' }));
  must(core.call('clinician.create', { name: 'Isla Murphy-Vanderberg', role: 'advanced_nurse_practitioner' }));
  must(core.call('rota.setDay', { clinicianId: ada, day: day(2), override: { am: false, pm: false } }));
  const ADA = [10, 12, 2, 8, 0, 3];
  ADA.forEach((count, n) => {
    clock.set(startOfPracticeDay(day(n)) + 9 * 3_600_000);
    const off = n === 2 || n === 5;
    for (let i = 0; i < count; i++) {
      clock.advance(5 * 60_000);
      must(core.call('contact.record', { clinicianId: ada, typeId: 'telephone', ...(off ? { overCapReason: URGENT } : {}) }));
    }
    if (n < 5) {
      for (let i = 0; i < 4; i++) {
        clock.advance(60_000);
        must(core.call('contact.record', { clinicianId: ben, typeId: 'face_to_face' }));
      }
    }
  });
  core.close();
}

/** Runs in the page: how far the page and the clinicians' table reach past their width. */
const OVERFLOW = `(() => {
  const table = document.querySelector('.range-table');
  return { page: document.documentElement.scrollWidth - innerWidth, table: table.scrollWidth - table.clientWidth, last: table.querySelector('thead th:last-child').getBoundingClientRect().right - innerWidth };
})()`;

/** A4 less the 12 mm margins each side, in CSS pixels (96 to the inch), rounded down. */
const A4_PORTRAIT_WIDTH = Math.floor(((210 - 24) / 25.4) * 96);

describe('contacts on days off in the Range report', () => {
  const session = useHostInChromium({ folderPrefix: 'contactcap-daysoff-', token: 'daysoff-token-0123456789abcdef-0123', prepare: seedLastWeek });

  it('are a column and a note beside the averages when there are any, within 1366 px and an A4 page, and not there when there are none', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(session.host.url);
    await screen(page, 'Reports');
    await page.getByRole('tab', { name: 'Range: week or month' }).click();
    await page.getByRole('button', { name: 'Last week' }).click();
    const table = page.getByRole('table', { name: /^Each clinician/ });
    const ada = table.getByRole('row', { name: /Dr Ada Patel/ });
    await expect.poll(async () => (await ada.textContent()) ?? '').toContain('7.5');

    const headings = await table.locator('thead th').allTextContents();
    expect(headings).toEqual(['Clinician', 'Days worked', 'Days at or over cap', 'Average a day', 'Average a session', 'Counted', 'On days off', 'Not counted', 'Urgent over cap']);
    // Days worked, at or over cap, a day, a session, counted, on days off, not counted.
    expect((await ada.getByRole('cell').allTextContents()).slice(0, 7)).toEqual(['4', '0', '7.5', '3.8', '35', '5', '0']);
    expect((await table.getByRole('row', { name: /Ben Okafor/ }).getByRole('cell').allTextContents()).slice(0, 7)).toEqual(['5', '0', '4', '2', '20', '—none', '0']);
    expect((await table.getByRole('row', { name: /^Practice/ }).getByRole('cell').allTextContents()).slice(0, 7)).toEqual(['19', '0', '2.6', '', '55', '5', '0']);
    const note = page.locator('#range-days-off');
    expect(((await note.textContent()) ?? '').replace(/\s+/g, ' ')).toBe(
      'On days off: 5 counted contacts were recorded on a day the rota had the clinician off. They are in Counted, but not in the averages, which are of the days and sessions worked.',
    );
    expect(await table.getAttribute('aria-describedby')).toBe('range-days-off');

    // Nothing sideways, on screen and on a portrait A4 page.
    expect(await page.evaluate<{ page: number; table: number; last: number }>(OVERFLOW)).toEqual(expect.objectContaining({ page: 0, table: 0 }));
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: A4_PORTRAIT_WIDTH, height: 1000 });
    const printed = await page.evaluate<{ page: number; table: number; last: number }>(OVERFLOW);
    expect(printed.page).toBeLessThanOrEqual(0);
    expect(printed.table).toBeLessThanOrEqual(0);
    expect(printed.last).toBeLessThanOrEqual(0);
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1366, height: 768 });

    // Monday and Tuesday only: no day off in them, so no column and no note.
    await page.getByLabel('From', { exact: true }).fill(day(0));
    await page.getByLabel('To', { exact: true }).fill(day(1));
    await expect.poll(async () => (await ada.getByRole('cell').allTextContents()).slice(0, 6)).toEqual(['2', '0', '11', '5.5', '22', '0']);
    expect(await table.locator('thead th').allTextContents()).not.toContain('On days off');
    expect(await note.count()).toBe(0);
    await page.close();
  }, 60_000);
});
