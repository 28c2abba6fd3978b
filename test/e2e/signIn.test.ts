import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { callHost } from '../helpers/host.ts';
import { recordByKeyboard, screen } from './deskPage.ts';
import { axeViolations, screenshot } from './setupPage.ts';
import { useHostInChromium } from './session.ts';

/**
 * Who is at the desk, in Chromium through the browser host, by keyboard only:
 * asked at start, skipped with Esc while a patient is still recorded, then F8,
 * a number, the PIN and Enter. A wrong PIN says so and how many tries are left;
 * a receptionist sees that staff are a manager's to change; an administrator
 * adds a manager.
 */

describe('signing in at the desk, in Chromium through the browser host', () => {
  const session = useHostInChromium({ folderPrefix: 'contactcap-signin-', token: 'e2e-signin-token-0123456789abcdef' });
  let page: Page;
  const errors: string[] = [];
  const api = async <T,>(method: string, input: unknown = {}): Promise<T> => ((await callHost(session.host, method, input)).body as { value: T }).value;
  const dialog = () => page.getByRole('dialog', { name: 'Who is at this desk?' });
  const deskButton = () => page.getByRole('button', { name: /^At the desk:/ });

  beforeAll(async () => {
    // The first administrator is the one signed in: they set the practice up, then leave the desk.
    await api('staff.add', { name: 'Ann Admin', role: 'admin', pin: '2580' });
    await api('staff.add', { name: 'Rita Reception', role: 'reception', pin: '1470' });
    await api('clinician.create', { name: 'Dr Amara Okafor', role: 'gp_partner' });
    await api('settings.update', { setup: 'skipped', practiceName: 'Riverside Surgery' });
    await api('session.signOut');
    page = await session.browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(session.host.url);
  });

  it('asks who is at the desk when ContactCap starts, listing staff with their numbers', async () => {
    await expect.poll(() => dialog().isVisible()).toBe(true);
    const people = dialog().getByRole('list', { name: 'Staff' });
    expect(await people.getByRole('button').allTextContents()).toEqual([expect.stringMatching(/^1 Ann Admin Administrator/), expect.stringMatching(/^2 Rita Reception Reception/)]);
    await screenshot(page, 'sign-in-at-start');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('Esc carries on with nobody signed in, and a patient is still recorded in two keys, as "not signed in"', async () => {
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog().isVisible()).toBe(false);
    expect(await deskButton().textContent()).toContain('Not signed in');
    await recordByKeyboard(page, 'Dr Amara Okafor', '1 / 25');
    const contacts = await api<{ recordedBy: string }[]>('contact.listForDay');
    expect(contacts.map((contact) => contact.recordedBy)).toEqual(['not signed in']);
  });

  it('F8, a number and a wrong PIN: refused, saying how many tries are left; the right PIN signs in', async () => {
    await page.keyboard.press('F8');
    await expect.poll(() => dialog().isVisible()).toBe(true);
    await page.keyboard.press('2');
    await expect.poll(() => page.evaluate<string>(`document.activeElement?.getAttribute('name') ?? ''`)).toBe('pin');
    expect(await dialog().getByRole('button', { name: /Rita Reception/ }).getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.type('0000');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog().getByRole('alert').textContent()).toBe('That PIN is not right. 4 more tries before Rita Reception is locked out on this PC for 15 minutes.');
    await screenshot(page, 'sign-in-wrong-pin');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.type('1470');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog().isVisible()).toBe(false);
    expect(await deskButton().textContent()).toContain('Rita Reception');
    await recordByKeyboard(page, 'Dr Amara Okafor', '2 / 25');
    const contacts = await api<{ recordedBy: string }[]>('contact.listForDay');
    expect(contacts.map((contact) => contact.recordedBy)).toEqual(['Rita Reception', 'not signed in']);
  });

  it('a receptionist is told that staff are a manager’s to change, and offered no way to add anyone', async () => {
    await screen(page, 'Settings');
    await page.getByRole('tab', { name: 'Staff' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Staff' }).textContent()).toContain('Only a practice manager or administrator can change staff');
    expect(await page.getByRole('form', { name: 'Add a member of staff' }).count()).toBe(0);
    expect(await page.getByRole('combobox', { name: 'Role of Ann Admin' }).count()).toBe(0);
  });

  it('an administrator signs in by keyboard and adds a practice manager, who is then listed', async () => {
    await page.keyboard.press('F8');
    await expect.poll(() => dialog().isVisible()).toBe(true);
    await page.keyboard.press('1');
    await page.keyboard.type('2580');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog().isVisible()).toBe(false);
    const form = page.getByRole('form', { name: 'Add a member of staff' });
    await expect.poll(() => form.count()).toBe(1);
    await form.getByRole('textbox', { name: 'Name' }).fill('Mo Manager');
    await form.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'Practice manager' });
    await form.getByLabel('Their PIN (4 to 8 digits)').fill('1234');
    await form.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('a run of digits');
    await form.getByLabel('Their PIN (4 to 8 digits)').fill('3691');
    await form.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => page.getByRole('row', { name: /Mo Manager/ }).count()).toBe(1);
    expect(await page.getByRole('combobox', { name: 'Role of Mo Manager' }).inputValue()).toBe('manager');
    await screenshot(page, 'settings-staff');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('shows an administrator the audit trail: who did what at which PC, filtered by person', async () => {
    await page.getByRole('tab', { name: 'Audit trail' }).click();
    const audit = page.getByRole('region', { name: 'Audit trail' });
    await expect.poll(() => audit.getByRole('row', { name: /Named Mo Manager as Practice manager/ }).count()).toBe(1);
    expect(await audit.getByRole('row', { name: /Named Mo Manager/ }).textContent()).toContain('Ann Admin');
    expect(await audit.getByRole('row', { name: /Wrong PIN for Rita Reception/ }).textContent()).toContain('not signed in');
    await audit.getByRole('combobox', { name: 'Person' }).selectOption({ label: 'Rita Reception' });
    await expect.poll(() => audit.getByRole('row', { name: /Named Mo Manager/ }).count()).toBe(0);
    expect(await audit.getByRole('row', { name: /Rita Reception signed in/ }).count()).toBe(1);
    await audit.getByRole('combobox', { name: 'Person' }).selectOption({ label: 'Everyone' });
    await expect.poll(() => audit.getByText(/^Checked at \d\d:\d\d \(at start or after the last catch-up\): (.* then held were intact|there were no records yet)\.$/).count()).toBe(1);
    const [download] = await Promise.all([page.waitForEvent('download'), audit.getByRole('button', { name: 'Save as CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^contactcap-audit-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.csv$/);
    const saved = await download.path();
    const csv = readFileSync(saved, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\uFEFFwhen,pc,staff,kind,what,pc_id,sequence');
    expect(csv).toContain('Named Mo Manager as Practice manager');
    await screenshot(page, 'settings-audit');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
