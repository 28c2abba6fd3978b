import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addPracticeDays, practiceDayOf } from '../../shared/practiceDay.ts';
import { WEEKDAYS, weekdayOf } from '../../shared/rota.ts';
import { callHost } from '../helpers/host.ts';
import { violations } from './axe.ts';
import { screen, type ScreenName } from './deskPage.ts';
import { useHostInChromium } from './session.ts';

/**
 * What the practice manager met on a walk-through of the manager's screens:
 * changes lost without a word on leaving Settings, an error bar that followed
 * them to the next screen, and a patient notice that contradicted itself.
 */

const PRACTICE = 'Riverside Medical Practice';

async function openDesk(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('tr.board-row').first().waitFor();
}

function announcer(page: Page) {
  return page.locator('.announcer');
}

/**
 * Types a date into a date box a part at a time, as a person does, in the
 * order the box shows its parts (Chromium follows the browser's locale: here
 * month, day, year; day, month, year in a British one).
 */
async function typeDate(page: Page, box: Locator, date: { day: string; month: string; year: string }): Promise<void> {
  const order = await page.evaluate<string[]>(`new Intl.DateTimeFormat().formatToParts(new Date(2026, 0, 2)).filter((part) => part.type !== 'literal').map((part) => part.type)`);
  await box.click({ position: { x: 12, y: 12 } });
  await page.keyboard.type(order.map((part) => (part === 'day' ? date.day : part === 'month' ? date.month : date.year)).join(''), { delay: 20 });
}

const THIRTIETH_OF_FEBRUARY = { day: '30', month: '02', year: '2026' };

async function focusedText(page: Page): Promise<string> {
  return page.evaluate<string>('document.activeElement ? document.activeElement.textContent.trim() : ""');
}

describe('the manager’s screens', () => {
  const session = useHostInChromium({ folderPrefix: 'contactcap-manager-', token: 'manager-token-0123456789abcdef-0123' });

  /** A new tab at 1366 × 768, on one of the screens. */
  async function openAt(name: ScreenName): Promise<Page> {
    const page = await session.browser.newPage({ viewport: { width: 1366, height: 768 } });
    await openDesk(page, session.host.url);
    await screen(page, name);
    return page;
  }

  beforeAll(async () => {
    const { host } = session;
    await callHost(host, 'device.update', { staffName: 'JB', deviceName: 'Reception 1' });
    await callHost(host, 'settings.update', { practiceName: PRACTICE, setup: 'done' });
    await callHost(host, 'clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner' });
  });

  it('asks before leaving Settings with a change not saved: Keep editing keeps it and the focus, Discard changes leaves it behind', async () => {
    const page = await openAt('Settings');
    const name = page.getByRole('textbox', { name: 'Practice name' });
    await name.fill('Riverside Health Centre');
    const leave = page.getByRole('dialog', { name: 'Leave without saving?' });

    // By mouse: the question, with the part of Settings not saved named, and the focus on Keep editing.
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Reports', exact: true }).click();
    await expect.poll(() => leave.isVisible()).toBe(true);
    expect(await leave.textContent()).toContain('Not saved yet: Practice.');
    expect(await focusedText(page)).toBe('Keep editing');
    expect(await violations(page)).toEqual([]);
    // Esc is Keep editing: still on Settings, the change still there, the focus back on the button pressed.
    await page.keyboard.press('Escape');
    await expect.poll(() => leave.isVisible()).toBe(false);
    expect(await name.inputValue()).toBe('Riverside Health Centre');
    expect(await focusedText(page)).toBe('Reports');
    // Enter on the button pressed asks again; Enter on Keep editing stays.
    await page.keyboard.press('Enter');
    await expect.poll(() => leave.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => leave.isVisible()).toBe(false);
    expect(await page.getByRole('heading', { name: 'Practice', exact: true }).isVisible()).toBe(true);

    // By keyboard: Tab to Discard changes, Enter: on to Reports; the practice's name is as it was saved.
    await page.keyboard.press('Enter');
    await expect.poll(() => leave.isVisible()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focusedText(page)).toBe('Discard changes');
    await page.keyboard.press('Enter');
    await page.getByRole('tab', { name: 'Day' }).waitFor();
    expect(await leave.count()).toBe(0);
    await screen(page, 'Settings');
    expect(await name.inputValue()).toBe(PRACTICE);

    // Saved, or nothing changed: no question.
    await name.fill('Riverside Health Centre');
    await page.getByRole('button', { name: 'Save practice details' }).click();
    await expect.poll(() => announcer(page).textContent()).toBe('Settings saved.');
    await screen(page, 'Rota');
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    expect(await leave.count()).toBe(0);
    await callHost(session.host, 'settings.update', { practiceName: PRACTICE });
    await page.close();
  }, 30_000);

  it('keeps an error bar on the screen it came from: not on the next screen, even when the answer comes after leaving, nor on coming back', async () => {
    const page = await openAt('Rota');
    const cap = page.getByRole('spinbutton', { name: 'Cap for the day for Dr Ada Patel' });
    const refused = () => page.waitForResponse((response) => response.url().includes('/api/rota.setDay'));

    // Enter: the core refuses the cap, and says so on the Rota screen, in the error bar.
    let answer = refused();
    await cap.fill('500');
    await cap.press('Enter');
    await answer;
    await expect.poll(() => announcer(page).textContent()).toBe('The cap for the day cannot be above 200.');
    expect(await announcer(page).getAttribute('class')).toContain('announcer-error');

    // Leaving takes the focus out of the box, which sends the cap again: that answer is held back until Settings is showing.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/rota.setDay', async (route) => {
      await held;
      await route.continue();
    });
    answer = refused();
    await screen(page, 'Settings');
    await page.getByRole('heading', { name: 'Practice', exact: true }).waitFor();
    release();
    await answer;
    await page.getByRole('heading', { name: 'Practice', exact: true }).waitFor();
    await page.waitForTimeout(300);
    expect(await announcer(page).textContent()).toBe('');
    await screen(page, 'Rota');
    await cap.waitFor();
    expect(await announcer(page).textContent()).toBe('');
    await page.close();
  }, 30_000);

  it('says a date typed that does not exist is not a real date, and saves nothing: a new action, the Day report, the Export screen', async () => {
    const page = await openAt('Collective action');
    await page.getByRole('button', { name: 'Add an action' }).click();
    const form = page.getByRole('region', { name: 'Add an action' });
    await form.getByRole('textbox', { name: 'Title' }).fill('Our own action');
    const from = form.getByLabel('From', { exact: true });
    await typeDate(page, from, THIRTIETH_OF_FEBRUARY);
    await form.getByRole('button', { name: 'Add the action' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe('“From” is not a real date, or it is not finished: check the day, the month and the year.');
    expect(await from.getAttribute('aria-invalid')).toBe('true');
    const register = (await callHost(session.host, 'action.list', {})).body as { value: { title: string }[] };
    expect(register.value.map((action) => action.title)).not.toContain('Our own action');

    await screen(page, 'Reports');
    await page.getByRole('tab', { name: 'Day' }).click();
    await typeDate(page, page.getByLabel('Date', { exact: true }), THIRTIETH_OF_FEBRUARY);
    const problem = page.locator('#day-date-problem');
    await expect.poll(() => problem.textContent()).toMatch(/^That is not a real date, or it is not finished: check the day, the month and the year\. Still showing \w+day \d+ \w+ \d{4}\.$/);
    expect(await page.getByRole('heading', { name: /^Daily summary:/ }).textContent()).not.toContain('30 February');

    await page.getByRole('tab', { name: 'Export' }).click();
    await typeDate(page, page.getByLabel('From', { exact: true }), THIRTIETH_OF_FEBRUARY);
    await expect.poll(() => page.locator('.range-problem').textContent()).toBe('“From” is not a real date, or it is not finished: check the day, the month and the year.');
    await page.close();
  }, 30_000);

  /** Counts the files the page asks the host for, and the times it opens the print dialog (without opening it). */
  async function watchOutput(page: Page): Promise<{ downloads: () => number; prints: () => Promise<number> }> {
    let downloads = 0;
    page.on('request', (request) => {
      if (request.url().includes('/download')) downloads++;
    });
    await page.evaluate('window.__prints = 0; window.print = () => { window.__prints++; }');
    return { downloads: () => downloads, prints: () => page.evaluate<number>('window.__prints') };
  }

  const focusedId = (page: Page) => page.evaluate<string>('document.activeElement ? document.activeElement.id : ""');
  const NOT_REAL_FROM = '“From” is not a real date, or it is not finished: check the day, the month and the year.';
  const BACKWARDS = '“To” (Thursday 19 November 2026) is before “From” (Friday 20 November 2026): make “To” the same day or later.';

  it('exports nothing while a date box holds no real date, is empty or ends before it starts, says which box and why, and exports the dates once they are right', async () => {
    const page = await openAt('Reports');
    const output = await watchOutput(page);
    await page.getByRole('tab', { name: 'Export' }).click();
    const exportButton = page.getByRole('button', { name: 'Export', exact: true });
    const form = page.getByRole('region', { name: 'Export', exact: true });
    const problem = form.locator('.range-problem');
    const formError = form.locator('.field-error:not(.range-problem)');

    // 30 February typed a part at a time (the box passes through real dates on the way): the range those left behind is not exported.
    await typeDate(page, page.getByLabel('From', { exact: true }), THIRTIETH_OF_FEBRUARY);
    await expect.poll(() => problem.textContent()).toBe(NOT_REAL_FROM);
    expect(await form.textContent()).not.toMatch(/February/);
    expect(await page.getByRole('button', { name: 'This week' }).first().getAttribute('aria-pressed')).toBe('false');
    await exportButton.click();
    await expect.poll(() => formError.textContent()).toBe(`Nothing was exported. ${NOT_REAL_FROM}`);
    expect(await focusedId(page)).toBe('export-from');

    // To before From.
    await page.getByLabel('From', { exact: true }).fill('2026-11-20');
    await page.getByLabel('To', { exact: true }).fill('2026-11-19');
    await expect.poll(() => problem.textContent()).toBe(BACKWARDS);
    await exportButton.click();
    await expect.poll(() => formError.textContent()).toBe(`Nothing was exported. ${BACKWARDS}`);
    expect(await focusedId(page)).toBe('export-to');
    expect(await page.getByLabel('To', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    // An empty box.
    await page.getByLabel('To', { exact: true }).fill('');
    await expect.poll(() => problem.textContent()).toBe('“To” is empty: type a date.');
    await exportButton.click();
    await expect.poll(() => formError.textContent()).toBe('Nothing was exported. “To” is empty: type a date.');
    await page.waitForTimeout(300);
    expect(output.downloads()).toBe(0);

    // Put right: the message goes, and the export is of the dates in the boxes.
    await page.getByLabel('To', { exact: true }).fill('2026-11-22');
    await expect.poll(() => problem.count()).toBe(0);
    expect(await formError.count()).toBe(0);
    expect(await form.textContent()).toContain('Friday 20 November to Sunday 22 November 2026');
    const [file] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
    expect(file.suggestedFilename()).toBe('contactcap-2026-11-20-to-2026-11-22.xlsx');
    expect(output.downloads()).toBe(1);
    await page.close();
  }, 60_000);

  it('prints, saves as PDF and exports nothing from the Day and Range reports while their dates are wrong, and says so', async () => {
    const page = await openAt('Reports');
    const output = await watchOutput(page);
    const bar = announcer(page);

    await page.getByRole('tab', { name: 'Day' }).click();
    await typeDate(page, page.getByLabel('Date', { exact: true }), THIRTIETH_OF_FEBRUARY);
    await expect.poll(() => page.locator('#day-date-problem').count()).toBe(1);
    const notRealDay = '“Date” is not a real date, or it is not finished: check the day, the month and the year.';
    await page.getByRole('button', { name: 'Export this day (.xlsx)' }).click();
    await expect.poll(() => bar.textContent()).toBe(`Nothing was exported. ${notRealDay}`);
    expect(await bar.getAttribute('class')).toContain('announcer-error');
    expect(await focusedId(page)).toBe('day-date');
    await page.getByRole('button', { name: 'Print', exact: true }).click();
    await expect.poll(() => bar.textContent()).toBe(`Nothing was printed. ${notRealDay}`);
    await page.getByRole('button', { name: 'Save as PDF' }).click();
    await expect.poll(() => bar.textContent()).toBe(`Nothing was saved. ${notRealDay}`);
    // Today, pressed on today's report, still puts the box right.
    await page.getByRole('button', { name: 'Today', exact: true }).click();
    await expect.poll(() => page.locator('#day-date-problem').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Today', exact: true }).getAttribute('aria-pressed')).toBe('true');

    await page.getByRole('tab', { name: 'Range: week or month' }).click();
    await page.getByLabel('From', { exact: true }).fill('2026-11-20');
    await page.getByLabel('To', { exact: true }).fill('2026-11-19');
    const problem = page.locator('#report-range-problem');
    await expect.poll(() => problem.textContent()).toMatch(/^“To” \(Thursday 19 November 2026\) is before “From” \(Friday 20 November 2026\): make “To” the same day or later\. Still showing \w+day \d+ \w+ to \w+day \d+ \w+ \d{4}\.$/);
    await page.getByRole('button', { name: 'Print', exact: true }).click();
    await expect.poll(() => bar.textContent()).toBe(`Nothing was printed. ${BACKWARDS}`);
    expect(await focusedId(page)).toBe('report-to');
    await page.getByRole('button', { name: 'Save as PDF' }).click();
    await expect.poll(() => bar.textContent()).toBe(`Nothing was saved. ${BACKWARDS}`);
    await page.waitForTimeout(300);
    expect(await output.prints()).toBe(0);
    expect(output.downloads()).toBe(0);

    // Put right, Print prints.
    await page.getByLabel('To', { exact: true }).fill('2026-11-22');
    await page.getByRole('heading', { name: /^Summary: Friday 20 November to Sunday 22 November 2026/ }).waitFor();
    await page.getByRole('button', { name: 'Print', exact: true }).click();
    expect(await output.prints()).toBe(1);
    await page.close();
  }, 60_000);

  it('asks before another Reports tab or another Monday drops a GPAS assessment not saved: Keep editing keeps it, Discard changes goes, by mouse and by keys', async () => {
    const page = await openAt('Reports');
    const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
    const gpasTab = page.getByRole('tab', { name: 'GPAS return' });
    await gpasTab.click();
    const amber = page.getByRole('radio', { name: 'Amber' });
    await amber.check();
    const monday = (await page.getByRole('region', { name: /^Monday/ }).getByRole('heading', { level: 2 }).first().textContent()) ?? '';

    // By mouse, to the Export tab: asked, naming the assessment and the tab; Keep editing keeps both the tab and the choice.
    await page.getByRole('tab', { name: 'Export' }).click();
    await expect.poll(() => leave.isVisible()).toBe(true);
    expect(await leave.textContent()).toContain(`Not saved yet: the GPAS assessment for ${monday}. If you go to the “Export” tab now, these changes are lost.`);
    await leave.getByRole('button', { name: 'Keep editing' }).click();
    await expect.poll(() => leave.isVisible()).toBe(false);
    expect(await gpasTab.getAttribute('aria-selected')).toBe('true');
    expect(await amber.isChecked()).toBe(true);

    // Another Monday asks too.
    await page.getByRole('button', { name: 'Previous Monday' }).click();
    await expect.poll(() => leave.isVisible()).toBe(true);
    expect(await leave.textContent()).toMatch(/If you go to Monday \d+ \w+ \d{4} now/);
    await page.keyboard.press('Escape');
    await expect.poll(() => leave.isVisible()).toBe(false);
    expect(await amber.isChecked()).toBe(true);

    // By keys: the right arrow on the tabs asks; Discard changes shows the next tab, with the focus on it.
    await gpasTab.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => leave.isVisible()).toBe(true);
    expect(await focusedText(page)).toBe('Keep editing');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('tab', { name: 'Export' }).getAttribute('aria-selected')).toBe('true');
    expect(await focusedId(page)).toBe('report-tab-export');
    // The choice was not saved, and is gone.
    const today = practiceDayOf(Date.now());
    const thisMonday = addPracticeDays(today, -WEEKDAYS.indexOf(weekdayOf(today)));
    const gpas = (await callHost(session.host, 'report.gpas', { monday: thisMonday })).body as { value: { assessment: unknown } };
    expect(gpas.value.assessment).toBeNull();
    await page.getByRole('tab', { name: 'GPAS return' }).click();
    await amber.waitFor();
    expect(await amber.isChecked()).toBe(false);

    // Nothing unsaved: no question.
    await page.getByRole('tab', { name: 'Day' }).click();
    await page.getByRole('tab', { name: 'Range: week or month' }).click();
    expect(await leave.count()).toBe(0);
    await page.close();
  }, 60_000);

  it('asks before the page is loaded again with a change not saved (the browser’s own question), and loads at once with none', async () => {
    const page = await openAt('Settings');
    const questions: string[] = [];
    page.on('dialog', (dialog) => {
      questions.push(dialog.type());
      void dialog.dismiss();
    });
    const name = page.getByRole('textbox', { name: 'Practice name' });
    await name.fill('Riverside Health Centre');
    await page.getByText('Not saved yet').first().waitFor();
    // Asked, and answered "stay": the page is not loaded again, the change is still there.
    const reloaded = await page.goto(session.host.url).then(
      () => true,
      () => false,
    );
    expect(reloaded).toBe(false);
    expect(questions).toEqual(['beforeunload']);
    expect(await name.inputValue()).toBe('Riverside Health Centre');

    // Put back as it was saved: nothing to lose, so no question.
    await name.fill(PRACTICE);
    await expect.poll(() => page.getByText('Not saved yet').count()).toBe(0);
    await page.goto(session.host.url);
    await page.locator('tr.board-row').first().waitFor();
    expect(questions).toEqual(['beforeunload']);
    await page.close();
  }, 30_000);

  it('tells patients, whatever the register says, that each clinician’s contacts are limited, urgent patients are seen the same day, and never that the practice works “as usual”', async () => {
    const page = await openAt('Collective action');
    const notice = page.getByRole('article', { name: 'Information for our patients' });
    await notice.waitFor();
    const say = async () => ((await notice.textContent()) ?? '').replace(/\s+/g, ' ');

    // No action taken: the limit is still said, beside a "Why" that explains it.
    let text = await say();
    expect(text).not.toMatch(/as usual/i);
    expect(text).toContain('we limit how many patients each of our clinicians sees in a day');
    expect(text).toContain('an urgent patient is always seen or spoken to by a clinician the same day');
    expect(text).toContain('We will not ask you to call back another day.');
    expect(text).toContain('safe-working guidance');

    // The contact limit and the A&G action taken from today: the second is listed, the limit is not said twice.
    const today = practiceDayOf(Date.now());
    await callHost(session.host, 'action.update', { actionId: 'bma-2024-01', taking: true, from: today });
    await callHost(session.host, 'action.update', { actionId: 'bma-2024-02', taking: true, from: today });
    await page.goto(session.host.url);
    await page.locator('tr.board-row').first().waitFor();
    await screen(page, 'Collective action');
    await expect.poll(async () => (await say()).includes('we will refer you rather than ask for advice by message')).toBe(true);
    text = await say();
    expect(text).not.toMatch(/as usual/i);
    expect(text.match(/we limit how many patients/g)).toHaveLength(1);
    expect(text).not.toContain('sees at most 25 patients a day');
    await page.close();
  }, 30_000);
});
