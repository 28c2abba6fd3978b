import { beforeAll, describe, expect, it } from 'vitest';
import { addPracticeDays } from '../../shared/practiceDay.ts';
import { callHost } from '../helpers/host.ts';
import { usedText } from './deskPage.ts';
import { useHostInChromium } from './session.ts';

/** A forgotten tally put right from the desk, as it would be on paper (issue 7, part 11). */
describe('a late entry from the reception desk, in Chromium', () => {
  const session = useHostInChromium({ folderPrefix: 'contactcap-late-', token: 'e2e-late-token-0123456789abcdef-01234' });
  let today = '';
  let clinicianId = '';

  async function value<T>(method: string, input: unknown): Promise<T> {
    return ((await callHost(session.host, method, input)).body as { value: T }).value;
  }

  beforeAll(async () => {
    today = (await value<{ today: string }>('system.status', {})).today;
    await callHost(session.host, 'device.update', { staffName: 'JB', deviceName: 'Reception 1' });
    clinicianId = (await value<{ id: string }>('clinician.create', { name: 'Dr Lena Late', role: 'salaried_gp' })).id;
    for (const day of [today, addPracticeDays(today, -1), addPracticeDays(today, -9)]) {
      await callHost(session.host, 'rota.setDay', { clinicianId, day, override: { am: true, pm: true } });
    }
  });

  it('records a contact on yesterday with its reason, leaves today’s board alone, refuses a day older than the practice allows, and marks it in the day’s report', async () => {
    const yesterday = addPracticeDays(today, -1);
    const page = await session.browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(session.host.url);
    await page.locator('tr.board-row').first().waitFor();
    await page.getByRole('button', { name: 'Late entry' }).click();
    const dialog = page.getByRole('dialog', { name: 'Late entry for an earlier day' });
    await expect.poll(() => dialog.isVisible()).toBe(true);

    // Nine days back is more than the practice's 7: refused, with the reason, and nothing recorded.
    await dialog.getByLabel('Day').fill(addPracticeDays(today, -9));
    await dialog.getByLabel('Time').fill('10:40');
    await dialog.getByRole('combobox', { name: 'Clinician' }).selectOption({ label: 'Dr Lena Late' });
    await dialog.getByRole('combobox', { name: 'Type of contact' }).selectOption({ label: 'Telephone' });
    await dialog.getByRole('textbox', { name: 'Why it is entered late' }).fill('Tally sheet found');
    await dialog.getByRole('button', { name: 'Record late entry' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('Late entries can go back 7 days at most');
    expect(await value<unknown[]>('contact.listForDay', { day: addPracticeDays(today, -9) })).toEqual([]);

    await dialog.getByLabel('Day').fill(yesterday);
    await dialog.getByRole('button', { name: 'Record late entry' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => page.locator('.desk-status').textContent()).toContain('Late entry recorded: Telephone contact for Dr Lena Late');

    const onYesterday = await value<{ clinicianId: string; typeId: string; lateReason: string | null; practiceDay: string }[]>('contact.listForDay', { day: yesterday });
    expect(onYesterday.map((contact) => [contact.clinicianId, contact.typeId, contact.practiceDay, contact.lateReason])).toEqual([[clinicianId, 'telephone', yesterday, 'Tally sheet found']]);
    expect(await value<unknown[]>('contact.listForDay', {})).toEqual([]);
    expect(await usedText(page, 'Dr Lena Late')).toBe('0 / 25');

    const report = await value<{ totals: { counted: number; lateEntries: number } }>('report.day', { day: yesterday });
    expect(report.totals).toMatchObject({ counted: 1, lateEntries: 1 });
    await page.close();
  });
});
