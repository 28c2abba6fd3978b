import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addClinician, boardRow, keyOf, recordByKeyboard, sayWhoIsAtTheDesk, screen, setRotaToday, stateText, usedText } from './deskPage.ts';
import { useHostInChromium } from './session.ts';
import { skipSetup } from './setupPage.ts';

const TEAM: [string, string][] = [
  ['Dr Ada Patel', 'GP partner'],
  ['Dr Ben Okafor', 'Salaried GP'],
  ['Dr Chloe Wright', 'Locum GP'],
  ['Dana Shah', 'Advanced nurse practitioner'],
  ['Eve Morgan', 'Practice nurse'],
];

async function openRouting(page: Page, name: string): Promise<void> {
  await page.keyboard.press(await keyOf(page, name));
  await expect.poll(() => page.getByRole('dialog', { name: `${name} is full` }).isVisible()).toBe(true);
}

async function expectBoard(page: Page): Promise<void> {
  await expect.poll(() => usedText(page, 'Dr Ada Patel')).toBe('25 / 25');
  expect(await stateText(page, 'Dr Ada Patel')).toBe('Full');
  expect(await boardRow(page, 'Dr Ada Patel').getByText('Duty').count()).toBe(1);
  expect(await usedText(page, 'Dana Shah')).toBe('1 / 25');
  expect(await stateText(page, 'Dana Shah')).toBe('Available');
  expect(await usedText(page, 'Dr Ben Okafor')).toBe('0 / 25');
  expect(await usedText(page, 'Eve Morgan')).toBe('0');
  expect(await stateText(page, 'Eve Morgan')).toBe('No cap');
  expect(await boardRow(page, 'Dr Chloe Wright').textContent()).toContain('Morning only');
  // 25 of Ada's (26 recorded, 1 voided) and Dana's 1; the redirection is not a contact.
  await expect.poll(() => page.locator('.activity-summary').textContent()).toBe('26 contacts · 1 redirected · 0 kept for later');
}

describe('a morning at reception, in Chromium through the browser host', () => {
  const session = useHostInChromium({ folderPrefix: 'contactcap-morning-', token: 'e2e-morning-token-0123456789abcdef', via: 'npm' });

  it('routes the 26th patient, never turns away the urgent one, and keeps every number through a reload and a restart', async () => {
    const { host, browser } = session;
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(host.url);
    // A new install opens the setup; this test is about the desk, so it skips it and the desk asks who is there.
    await skipSetup(page);
    await sayWhoIsAtTheDesk(page, 'JB');

    // The rota: five clinicians, Dr Patel on duty, Dr Wright on a half day.
    for (const [name, role] of TEAM) await addClinician(page, name, role);
    for (const [name] of TEAM) {
      await setRotaToday(page, name, { am: true, pm: name !== 'Dr Chloe Wright', duty: name === 'Dr Ada Patel' });
    }

    // 25 contacts for Dr Patel, two keystrokes each.
    await screen(page, 'Reception');
    await page.locator('body').focus();
    for (let used = 1; used <= 25; used++) await recordByKeyboard(page, 'Dr Ada Patel', `${used} / 25`);
    expect(await stateText(page, 'Dr Ada Patel')).toBe('Full');

    // The 26th: the routing step, never a dead end. Another GP is offered first; every alternative is
    // labelled with the key it has on the board, and that key, then Enter, records with them.
    await openRouting(page, 'Dr Ada Patel');
    const routing = page.getByRole('dialog', { name: 'Dr Ada Patel is full' });
    const danaKey = await keyOf(page, 'Dana Shah');
    expect(await routing.locator('.routing-clinicians .choice-name').first().textContent()).toBe('Dr Ben Okafor');
    expect(await routing.getByRole('button', { name: new RegExp(`^${danaKey} Dana Shah`) }).count()).toBe(1);
    await page.keyboard.press(danaKey);
    await expect.poll(() => page.getByRole('dialog', { name: 'Record a contact for Dana Shah' }).isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => usedText(page, 'Dana Shah')).toBe('1 / 25');
    expect(await usedText(page, 'Dr Ada Patel')).toBe('25 / 25');

    // The next one goes to Pharmacy First, with a slip to take away.
    await openRouting(page, 'Dr Ada Patel');
    await page.keyboard.press('S');
    const redirect = page.getByRole('dialog', { name: 'Redirect instead of Dr Ada Patel' });
    await expect.poll(() => redirect.isVisible()).toBe(true);
    await redirect.getByRole('combobox', { name: 'Service' }).selectOption({ label: 'Community pharmacy – Pharmacy First' });
    await redirect.getByRole('radio', { name: /Signposted/ }).check();
    await redirect.getByRole('combobox', { name: 'Condition (optional)' }).selectOption({ label: 'Sore throat — Aged 5 and over' });
    await redirect.getByRole('checkbox', { name: /The patient has been told/ }).check();
    await redirect.getByRole('button', { name: 'Record redirection' }).click();
    const slip = page.getByRole('region', { name: 'Signposting slip' });
    await expect.poll(() => slip.isVisible()).toBe(true);
    expect(await slip.textContent()).toContain('If you get worse, or you are worried, call NHS 111');
    await page.getByRole('dialog', { name: /^Redirected to/ }).getByRole('button', { name: 'Close' }).click();
    expect(await usedText(page, 'Dr Ada Patel')).toBe('25 / 25');

    // An urgent patient: always possible, one step, a short reason; counted and flagged.
    await page.locator('body').focus();
    await openRouting(page, 'Dr Ada Patel');
    await page.keyboard.press('U');
    const urgent = page.getByRole('dialog', { name: 'Urgent contact with Dr Ada Patel' });
    await expect.poll(() => urgent.isVisible()).toBe(true);
    await page.keyboard.type('Chest pain, needs seeing today');
    await page.keyboard.press('Enter');
    await expect.poll(() => usedText(page, 'Dr Ada Patel')).toBe('26 / 25');
    expect(await stateText(page, 'Dr Ada Patel')).toBe('Over cap');

    // One of Dr Patel's ordinary contacts was recorded in error: void it with a reason.
    await page.getByRole('button', { name: /^Void contact: \d\d:\d\d Dr Ada Patel/ }).nth(1).click();
    const voiding = page.getByRole('dialog', { name: 'Void this contact?' });
    await voiding.getByRole('textbox', { name: 'Reason' }).fill('Recorded against the wrong clinician');
    await voiding.getByRole('button', { name: 'Void contact' }).click();
    await expectBoard(page);

    // The clinician's own view: large remaining, today's contacts, the urgent one marked.
    await screen(page, 'My day');
    await page.getByRole('combobox', { name: 'Clinician' }).selectOption({ label: 'Dr Ada Patel' });
    await page.getByRole('button', { name: 'This is me' }).click();
    const mine = page.getByRole('region', { name: 'Dr Ada Patel Duty' });
    await expect.poll(async () => (await mine.textContent()) ?? '').toContain('0 left of 25');
    const table = page.getByRole('table');
    expect(await table.getByRole('row').count()).toBe(27); // header + 26 recorded
    expect(await table.getByText('Urgent, over cap: Chest pain, needs seeing today').count()).toBe(1);
    expect(await table.getByText('Voided: Recorded against the wrong clinician').count()).toBe(1);

    await screen(page, 'Reception');
    await page.reload();
    await expectBoard(page);
    await session.restart();
    await page.reload();
    await expectBoard(page);
    expect(errors).toEqual([]);
  }, 120_000);
});
