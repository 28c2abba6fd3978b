import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { callHost, workingAllDay } from '../helpers/host.ts';
import { addClinician, keyOf, screen, usedText } from './deskPage.ts';
import { useHostInChromium } from './session.ts';

/**
 * Every desk action says what it did once, in one place: the line above the
 * board. Never the app's bar at the bottom as well, and never two live regions
 * saying the same thing.
 */

const deskLine = (page: Page) => page.locator('.desk-status');

async function announcerText(page: Page): Promise<string> {
  return ((await page.locator('.announcer').textContent()) ?? '').trim();
}

/** How many live regions (status or alert) on the page say this. */
function saying(page: Page, text: string | RegExp): Promise<number> {
  return page.locator('[role="status"], [role="alert"]').filter({ hasText: text }).count();
}

async function expectSaidOnceOnTheDeskLine(page: Page, text: string | RegExp): Promise<void> {
  await expect.poll(async () => (await deskLine(page).textContent()) ?? '').toMatch(text);
  expect(await saying(page, text)).toBe(1);
  expect(await announcerText(page)).toBe('');
}

describe('the desk’s messages, in Chromium through the browser host', () => {
  const session = useHostInChromium({ folderPrefix: 'contactcap-messages-', token: 'messages-token-0123456789abcdef-012' });
  let page: Page;

  beforeAll(async () => {
    const { host, browser } = session;
    await callHost(host, 'device.update', { staffName: 'JB', deviceName: 'Reception 1' });
    const ids: string[] = [];
    for (const [name, role] of [
      ['Dr Ada Patel', 'gp_partner'],
      ['Dr Ben Okafor', 'salaried_gp'],
      ['Dana Shah', 'advanced_nurse_practitioner'],
    ] as const) {
      ids.push(((await callHost(host, 'clinician.create', { name, role })).body as { value: { id: string } }).value.id);
    }
    await workingAllDay(host, ids);
    await callHost(host, 'contact.record', { clinicianId: ids[1] });
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(host.url);
    await page.locator('tr.board-row').first().waitFor();
  });

  it('starts in full-size rows for a practice of 20 clinicians or fewer', async () => {
    expect(await page.getByRole('checkbox', { name: 'Compact rows' }).isChecked()).toBe(false);
    expect(await page.locator('.board-dense').count()).toBe(0);
  });

  it('says what each desk action did once, on the line above the board, never in the app’s bar as well', async () => {
    // A contact: recorded, then undone.
    await page.locator('body').focus();
    await page.keyboard.press(await keyOf(page, 'Dr Ada Patel'));
    await page.getByRole('dialog', { name: 'Record a contact for Dr Ada Patel' }).waitFor();
    await page.keyboard.press('Enter');
    await expectSaidOnceOnTheDeskLine(page, 'Face to face contact recorded for Dr Ada Patel.');
    await page.keyboard.press('Control+z');
    await expectSaidOnceOnTheDeskLine(page, /^Undone, and kept in the history as voided: Face to face contact recorded for Dr Ada Patel\.$/);
    await expect.poll(() => usedText(page, 'Dr Ada Patel')).toBe('0 / 25');

    // A void from today's list.
    await page.getByRole('button', { name: /^Void contact: \d\d:\d\d Dr Ben Okafor/ }).click();
    const voiding = page.getByRole('dialog', { name: 'Void this contact?' });
    await voiding.getByRole('textbox', { name: 'Reason' }).fill('Recorded against the wrong clinician');
    await voiding.getByRole('button', { name: 'Void contact' }).click();
    await expectSaidOnceOnTheDeskLine(
      page,
      /^Voided the face to face contact for Dr Ben Okafor at \d\d:\d\d\. It no longer counts toward the cap\. It stays in today’s list, crossed out\.$/,
    );

    // A redirection, with its slip.
    await page.locator('body').focus();
    await page.keyboard.press('F2');
    const redirect = page.getByRole('dialog', { name: 'Redirect a patient to another service' });
    await redirect.getByRole('combobox', { name: 'Service' }).selectOption({ label: 'Community pharmacy – Pharmacy First' });
    await redirect.getByRole('radio', { name: /Signposted/ }).check();
    await redirect.getByRole('checkbox', { name: /The patient has been told/ }).check();
    await redirect.getByRole('button', { name: 'Record redirection' }).click();
    const slip = page.getByRole('dialog', { name: /^Redirected to/ });
    await slip.getByRole('button', { name: 'Close' }).click();
    await expectSaidOnceOnTheDeskLine(page, 'Patient redirected to Community pharmacy – Pharmacy First.');

    // A patient kept for later.
    await page.locator('body').focus();
    await page.keyboard.press('F4');
    const defer = page.getByRole('dialog', { name: 'Later, within the practice' });
    await defer.getByRole('radio', { name: 'Added to the practice waiting list' }).check();
    await defer.getByRole('checkbox', { name: /The patient has been told/ }).check();
    await defer.getByRole('button', { name: 'Record the waiting list' }).click();
    await expectSaidOnceOnTheDeskLine(page, 'Patient added to the practice waiting list.');
  });

  it('leaves another screen’s message behind when the receptionist goes back to the desk', async () => {
    await addClinician(page, 'Eve Morgan', 'Practice nurse');
    expect(await announcerText(page)).toContain('Added Eve Morgan');
    await screen(page, 'Reception');
    await page.locator('tr.board-row').first().waitFor();
    expect(await announcerText(page)).toBe('');
    expect(await page.locator('.announcer').isVisible()).toBe(false);
  });
});
