import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { callHost } from '../helpers/host.ts';
import { screen } from './deskPage.ts';
import { violations } from './axe.ts';
import { useHostInChromium } from './session.ts';

/** Settings → Backups, as a practice manager uses it, in Chromium through the browser host. */
describe('the Backups page in Settings', () => {
  const session = useHostInChromium({ folderPrefix: 'contactcap-backups-page-', token: 'backups-page-token-0123456789abcdef' });
  let page: Page;

  beforeAll(async () => {
    await callHost(session.host, 'device.update', { staffName: 'PM', deviceName: 'Office' });
    const created = (await callHost(session.host, 'clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner' })).body as { value: { id: string } };
    for (let i = 0; i < 3; i++) await callHost(session.host, 'contact.record', { clinicianId: created.value.id, typeId: 'telephone' });
    page = await session.browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(session.host.url);
    await page.getByRole('button', { name: /^At the desk:/ }).waitFor();
    await screen(page, 'Settings');
    await page.getByRole('tab', { name: 'Backups' }).click();
  });

  it('makes a checked backup with the keyboard, lists it with its counts and says so', async () => {
    await expect.poll(() => page.getByText('No backups yet.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Back up now' }).focus();
    await page.keyboard.press('Enter');
    const table = page.getByRole('table', { name: /1 backup, newest first/ });
    await table.waitFor();
    const row = table.getByRole('row').nth(1);
    expect(await row.getByRole('cell').allInnerTexts()).toEqual([
      'Made by hand',
      '3',
      '1',
      expect.stringMatching(/^\w{3} \d{1,2} \w{3} at \d{2}:\d{2}$/) as unknown as string,
      expect.stringMatching(/KB$/) as unknown as string,
      'Restore…',
    ]);
    await expect.poll(() => page.getByText('Backup made and checked: 3 contacts in it.').isVisible()).toBe(true);
    const files = readdirSync(path.join(session.dataDir, 'backups'));
    expect(files.filter((name) => name.endsWith('.db'))).toHaveLength(1);
    expect(await violations(page)).toEqual([]);
  });

  it('asks before restoring, with the safe answer focused; a restore waits for the next start and can be taken back', async () => {
    await page.getByRole('button', { name: /^Restore the backup of / }).click();
    const dialog = page.getByRole('dialog', { name: /^Restore the backup of / });
    await dialog.waitFor();
    expect(await dialog.getByText(/It holds 3 contacts and 1 clinician/).isVisible()).toBe(true);
    expect(await page.evaluate<string>(`document.activeElement?.textContent?.trim() ?? ''`)).toBe('Keep the database as it is');
    await dialog.getByRole('button', { name: 'Restore at the next start' }).click();
    await expect.poll(() => page.getByText(/A restore is waiting/).isVisible()).toBe(true);
    const waiting = (await callHost(session.host, 'backup.status', {})).body as { value: { restorePending: { name: string } | null } };
    expect(waiting.value.restorePending?.name).toMatch(/^contactcap-backup-.*-by-hand\.db$/);
    await page.getByRole('button', { name: 'Do not restore' }).click();
    await expect.poll(() => page.getByText(/A restore is waiting/).count()).toBe(0);
    const taken = (await callHost(session.host, 'backup.status', {})).body as { value: { restorePending: unknown } };
    expect(taken.value.restorePending).toBeNull();
  });

  it('refuses a second folder that is not there, at the field, and keeps what was typed', async () => {
    const field = page.getByLabel(/^Second folder/);
    await field.fill(path.join(session.dataDir, 'no-such-share'));
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByText(/cannot be found\. Check it exists/).isVisible()).toBe(true);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.inputValue()).toBe(path.join(session.dataDir, 'no-such-share'));
    const status = (await callHost(session.host, 'backup.status', {})).body as { value: { secondFolder: string | null } };
    expect(status.value.secondFolder).toBeNull();
  });
});
