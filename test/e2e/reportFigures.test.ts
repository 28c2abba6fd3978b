import { describe, expect, it } from 'vitest';
import { practiceDayOf } from '../../shared/practiceDay.ts';
import { weekdayOf } from '../../shared/rota.ts';
import { must, openTestCore } from '../helpers/fixtures.ts';
import { screen } from './deskPage.ts';
import { useHostInChromium } from './session.ts';

/**
 * The manager's figures as the screens word them, in Chromium through the
 * browser host on the real clock. Today: Dr Ada Patel (capped at 25) has 3
 * counted contacts and Nurse Ben Okafor (counted, not capped) 2, so the
 * practice counts 5 against a cap of 25 that covers Ada's 3 only (12%).
 */
function seedToday(dataDir: string): void {
  const core = openTestCore(dataDir);
  must(core.call('device.update', { staffName: 'JB', deviceName: 'Reception 1' }));
  // Any hour: nobody is "finished for today" because the test runs in the evening.
  must(core.call('settings.update', { dayEnd: '23:59' }));
  const ada = must(core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner' })).id;
  const ben = must(core.call('clinician.create', { name: 'Ben Okafor', role: 'practice_nurse' })).id;
  for (let n = 0; n < 3; n++) must(core.call('contact.record', { clinicianId: ada, typeId: 'telephone' }));
  for (let n = 0; n < 2; n++) must(core.call('contact.record', { clinicianId: ben, typeId: 'face_to_face' }));
  core.close();
}

describe('the report screens’ figures', () => {
  const session = useHostInChromium({ folderPrefix: 'contactcap-figures-', token: 'figures-token-0123456789abcdef-01', prepare: seedToday });

  it('show the practice’s count split into capped and not capped beside a cap that covers the capped only, and say when GPAS is Monday so far', async () => {
    const { host, browser } = session;
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(host.url);
    await screen(page, 'Reports');
    await page.getByRole('tab', { name: 'Day' }).click();

    const practice = page.getByRole('row', { name: /^Practice/ });
    await expect.poll(async () => (await practice.textContent()) ?? '').toContain('3 capped · 2 not capped');
    const cells = await practice.getByRole('cell').allTextContents();
    // Sessions (empty), cap, counted, by type, not counted, % of cap, nearly full, full, urgent.
    expect(cells.slice(1, 3)).toEqual(['25capped clinicians', '53 capped · 2 not capped']);
    expect(cells[5]).toBe('12%of capped');

    await page.getByRole('tab', { name: 'GPAS return' }).click();
    const today = practiceDayOf(Date.now());
    const figures = page.getByRole('region', { name: /^Monday/ }).locator('dl');
    // The most recent Monday is today only on a Monday: then it is "so far".
    const latestSoFar = weekdayOf(today) === 'mon';
    await expect.poll(async () => (await figures.textContent()) ?? '').toContain('Patient contacts that Monday');
    expect(((await figures.textContent()) ?? '').includes('so far (not over yet)')).toBe(latestSoFar);
    // Next Monday is still to come: whatever it shows is so far.
    await page.getByRole('button', { name: 'Next Monday' }).click();
    await expect.poll(async () => (await figures.textContent()) ?? '').toContain('Patient contacts that Monday, so far (not over yet)');
    expect(await page.getByRole('textbox', { name: 'Ready to copy into the LMC’s return' }).inputValue()).toContain('Total patient contacts (all clinicians): 0 so far (Monday is not over yet)');
  }, 60_000);
});
