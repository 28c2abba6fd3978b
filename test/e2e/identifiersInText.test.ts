import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { callHost, workingAllDay } from '../helpers/host.ts';
import { keyOf, usedText } from './deskPage.ts';
import { useHostInChromium } from './session.ts';

/**
 * Issue 10, part 5, at the desk: an NHS number typed into the over-cap reason is
 * refused by the core, the message is shown at the box, nothing is recorded and
 * what was typed stays to be edited; the note boxes are there only when the
 * practice collects identifiers.
 */

interface Listed {
  body: { value: unknown[] };
}

describe('an NHS number in free text, in Chromium through the browser host', () => {
  const session = useHostInChromium({ folderPrefix: 'contactcap-identifiers-', token: 'identifiers-token-0123456789abcdef-01' });
  let page: Page;

  beforeAll(async () => {
    const { host, browser } = session;
    await callHost(host, 'device.update', { staffName: 'JB', deviceName: 'Reception 1' });
    const created = await callHost(host, 'clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner', dailyCap: 0 });
    await workingAllDay(host, [(created.body as { value: { id: string } }).value.id]);
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(host.url);
    await page.locator('tr.board-row').first().waitFor();
  });

  const contactsToday = async () => ((await callHost(session.host, 'contact.listForDay', {})) as Listed).body.value.length;

  it('refuses the over-cap reason with the message at the box, records nothing, and keeps what was typed', async () => {
    await page.locator('body').focus();
    await page.keyboard.press(await keyOf(page, 'Dr Ada Patel'));
    await expect.poll(() => page.getByRole('dialog', { name: 'Dr Ada Patel is full' }).isVisible()).toBe(true);
    await page.keyboard.press('U');
    const urgent = page.getByRole('dialog', { name: 'Urgent contact with Dr Ada Patel' });
    await expect.poll(() => urgent.isVisible()).toBe(true);
    await page.keyboard.type('pt 943 476 5919 chest pain');
    await page.keyboard.press('Enter');

    const message =
      'The over-cap reason looks like it contains an NHS number (“943 476 5919”). ContactCap does not keep patient identifiers: take the number out and describe the reason without it.';
    const alert = urgent.getByRole('alert');
    await expect.poll(async () => (await alert.isVisible()) && (await alert.textContent())).toBe(message);
    const box = urgent.getByRole('textbox', { name: 'Short reason' });
    expect(await box.inputValue()).toBe('pt 943 476 5919 chest pain');
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    // The box is described by the message, so a screen reader reads it there.
    expect(await page.locator(`#${(await box.getAttribute('aria-describedby')) ?? 'none'}`).textContent()).toBe(message);
    expect(await contactsToday()).toBe(0);
    expect(await usedText(page, 'Dr Ada Patel')).toBe('0 / 0');

    // Edited without the mouse: the focus is in the box, the number comes out, Enter records.
    await expect.poll(() => page.evaluate('document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.closest("label")?.textContent.trim()')).toBe('Short reason');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Chest pain, needs seeing today');
    await page.keyboard.press('Enter');
    await expect.poll(() => usedText(page, 'Dr Ada Patel')).toBe('1 / 0');
    expect(await contactsToday()).toBe(1);
  });

  it('shows no note box while the practice collects no identifiers, and one once it does', async () => {
    const noteBoxes = (dialog: string) => page.getByRole('dialog', { name: dialog }).getByRole('textbox', { name: 'Note (optional)' }).count();
    const open = async (key: string, dialog: string) => {
      await page.locator('body').focus();
      await page.keyboard.press(key);
      await expect.poll(() => page.getByRole('dialog', { name: dialog }).isVisible()).toBe(true);
    };
    const close = async (dialog: string) => {
      await page.getByRole('dialog', { name: dialog }).getByRole('button', { name: 'Cancel' }).click();
    };
    await open('F2', 'Redirect a patient to another service');
    expect(await noteBoxes('Redirect a patient to another service')).toBe(0);
    await close('Redirect a patient to another service');
    await open('F4', 'Later, within the practice');
    expect(await noteBoxes('Later, within the practice')).toBe(0);
    await close('Later, within the practice');

    await callHost(session.host, 'settings.update', { collectNhsNumber: true });
    await page.reload();
    await page.locator('tr.board-row').first().waitFor();
    await open('F2', 'Redirect a patient to another service');
    expect(await noteBoxes('Redirect a patient to another service')).toBe(1);
    await close('Redirect a patient to another service');
    await open('F4', 'Later, within the practice');
    expect(await noteBoxes('Later, within the practice')).toBe(1);
    await close('Later, within the practice');
  });
});
