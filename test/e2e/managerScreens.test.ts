import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { practiceDayOf } from '../../shared/practiceDay.ts';
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
    await page.reload();
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
