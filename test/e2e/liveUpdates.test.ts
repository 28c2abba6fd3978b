import { beforeAll, describe, expect, it } from 'vitest';
import { callHost } from '../helpers/host.ts';
import { boardRow, recordByKeyboard, screen, usedText } from './deskPage.ts';
import { useHostInChromium } from './session.ts';

describe('live updates between windows', () => {
  const session = useHostInChromium({ folderPrefix: 'contactcap-live-', token: 'live-token-0123456789abcdef-0123' });
  let clinicianId = '';

  beforeAll(async () => {
    const { host } = session;
    const today = ((await callHost(host, 'system.status', {})).body as { value: { today: string } }).value.today;
    await callHost(host, 'device.update', { staffName: 'JB' });
    clinicianId = ((await callHost(host, 'clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner' })).body as { value: { id: string } }).value.id;
    await callHost(host, 'rota.setDay', { clinicianId, day: today, override: { am: true, pm: true } });
  });

  it('shows a contact recorded in one tab on the other tab’s board, and a rota change at once', async () => {
    const { host, browser } = session;
    const desk = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const other = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await desk.goto(host.url);
    await other.goto(host.url);
    await expect.poll(() => usedText(other, 'Dr Ada Patel')).toBe('0 / 25');

    await desk.locator('body').focus();
    await recordByKeyboard(desk, 'Dr Ada Patel', '1 / 25');
    await expect.poll(() => usedText(other, 'Dr Ada Patel')).toBe('1 / 25');

    // A script (or another PC's change arriving) updates both boards too.
    await callHost(host, 'contact.record', { clinicianId });
    await expect.poll(() => usedText(other, 'Dr Ada Patel')).toBe('2 / 25');
    await expect.poll(() => usedText(desk, 'Dr Ada Patel')).toBe('2 / 25');

    // Sickness at mid-morning: marked absent in one tab, shown absent in the other at once (the row and key stay).
    await screen(desk, 'Rota');
    await desk.getByRole('checkbox', { name: 'Absent: Dr Ada Patel', exact: true }).check();
    await expect.poll(() => boardRow(other, 'Dr Ada Patel').getAttribute('data-status')).toBe('absent');
    expect(await boardRow(other, 'Dr Ada Patel').textContent()).toContain('Absent today');
  });
});
