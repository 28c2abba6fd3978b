import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Steps a person takes in ContactCap, by role and accessible name, as the end-to-end tests need them. */

export type ScreenName = 'Reception' | 'My day' | 'Rota' | 'Clinicians' | 'Services' | 'Reports' | 'Collective action' | 'Settings';

export const SCREEN_NAMES: readonly ScreenName[] = ['Reception', 'My day', 'Rota', 'Clinicians', 'Services', 'Reports', 'Collective action', 'Settings'];

/** Goes to a screen from the header, through the Menu button when the screens are folded into it. */
export async function screen(page: Page, name: ScreenName): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Screens' });
  const menu = nav.getByRole('button', { name: 'Menu', exact: true });
  if ((await menu.count()) > 0 && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  await nav.getByRole('button', { name, exact: true }).click();
}

/** The first start on a PC asks who is at the desk. */
export async function sayWhoIsAtTheDesk(page: Page, staff: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Who is at this desk?' });
  await expect.poll(() => dialog.isVisible()).toBe(true);
  await dialog.getByRole('textbox', { name: 'Your name or initials' }).fill(staff);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => dialog.isVisible()).toBe(false);
}

export async function addClinician(page: Page, name: string, role: string): Promise<void> {
  await screen(page, 'Clinicians');
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await page.getByRole('combobox', { name: 'Role', exact: true }).selectOption({ label: role });
  await page.getByRole('button', { name: 'Add clinician' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toContain(`Added ${name}`);
}

/** On the Rota screen, for the date showing (today by default): sessions and duty for one clinician. */
export async function setRotaToday(page: Page, name: string, day: { am: boolean; pm: boolean; duty?: boolean }): Promise<void> {
  await screen(page, 'Rota');
  const boxes: [string, boolean][] = [
    [`Morning for ${name}`, day.am],
    [`Afternoon for ${name}`, day.pm],
    [`Duty: ${name}`, day.duty ?? false],
  ];
  for (const [label, wanted] of boxes) {
    const box = page.getByRole('checkbox', { name: label, exact: true });
    if ((await box.isChecked()) !== wanted) {
      await box.setChecked(wanted);
      await expect.poll(() => box.isChecked()).toBe(wanted);
    }
  }
}

export function boardRow(page: Page, name: string) {
  return page.locator(`tr.board-row[data-clinician="${name}"]`);
}

export async function usedText(page: Page, name: string): Promise<string> {
  return ((await boardRow(page, name).getByTestId('used').textContent()) ?? '').trim();
}

export async function stateText(page: Page, name: string): Promise<string> {
  return ((await boardRow(page, name).locator('.state').textContent()) ?? '').trim();
}

/** The key shown on the board for a clinician working today. */
export async function keyOf(page: Page, name: string): Promise<string> {
  const key = ((await boardRow(page, name).locator('.key-col .keycap').textContent()) ?? '').trim();
  expect(key, `no shortcut key shown for ${name}`).not.toBe('');
  return key;
}

/** Two keystrokes: the clinician's key, then Enter in the record panel. Waits for the board to show it. */
export async function recordByKeyboard(page: Page, name: string, expectedUsedAfter: string): Promise<void> {
  const key = await keyOf(page, name);
  await page.keyboard.press(key);
  await expect.poll(() => page.getByRole('dialog', { name: `Record a contact for ${name}` }).isVisible()).toBe(true);
  await page.keyboard.press('Enter');
  await expect.poll(() => usedText(page, name)).toBe(expectedUsedAfter);
}
