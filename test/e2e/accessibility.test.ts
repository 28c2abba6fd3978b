import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { callHost } from '../helpers/host.ts';
import { violations } from './axe.ts';
import { keyOf, screen } from './deskPage.ts';
import { useHostInChromium } from './session.ts';

describe('accessibility of every screen (axe-core in Chromium)', () => {
  const session = useHostInChromium({ folderPrefix: 'contactcap-a11y-', token: 'a11y-token-0123456789abcdef-0123' });
  let page: Page;

  beforeAll(async () => {
    const { host, browser } = session;
    const status = (await callHost(host, 'system.status', {})).body as { value: { today: string } };
    await callHost(host, 'device.update', { staffName: 'JB', deviceName: 'Reception 1' });
    for (const [name, role, capped] of [
      ['Dr Ada Patel', 'gp_partner', true],
      ['Eve Morgan', 'practice_nurse', false],
    ] as const) {
      const created = (await callHost(host, 'clinician.create', { name, role, capped })).body as { value: { id: string } };
      await callHost(host, 'rota.setDay', { clinicianId: created.value.id, day: status.value.today, override: { am: true, pm: true, duty: name === 'Dr Ada Patel' } });
      for (let i = 0; i < (capped ? 25 : 3); i++) await callHost(host, 'contact.record', { clinicianId: created.value.id });
    }
    // With identifiers collected, so the desk's list and Settings › Patient identifiers show an NHS number and a note.
    await callHost(host, 'settings.update', { collectNhsNumber: true });
    await callHost(host, 'redirection.record', { destinationId: 'builtin-111', reason: 'clinician_at_capacity', patientTold: true, nhsNumber: '943 476 5919', note: 'Call back after 4pm' });
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(host.url);
    await page.locator('tr.board-row').first().waitFor();
  });


  it('has no violations on the reception board', async () => {
    expect(await violations(page)).toEqual([]);
  });

  it('has no violations in the record panel and the at-capacity routing step', async () => {
    await page.locator('body').focus();
    await page.keyboard.press(await keyOf(page, 'Eve Morgan'));
    await page.getByRole('dialog', { name: 'Record a contact for Eve Morgan' }).waitFor();
    expect(await violations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.keyboard.press(await keyOf(page, 'Dr Ada Patel'));
    await page.getByRole('dialog', { name: 'Dr Ada Patel is full' }).waitFor();
    expect(await violations(page)).toEqual([]);
    await page.keyboard.press('S');
    await page.getByRole('dialog', { name: 'Redirect instead of Dr Ada Patel' }).waitFor();
    expect(await violations(page)).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it('has no violations while a contact is being saved, nor while the line above the board offers Undo', async () => {
    // The host's answer is held back, so "Saving…" stays on screen while axe looks.
    let answer = () => {};
    const held = new Promise<void>((resolve) => (answer = resolve));
    let sent: Promise<void> = Promise.resolve();
    await page.route('**/api/contact.record', (route) => {
      sent = held.then(() => route.continue());
      return sent;
    });
    try {
      await page.locator('body').focus();
      await page.keyboard.press(await keyOf(page, 'Eve Morgan'));
      await page.getByRole('dialog', { name: 'Record a contact for Eve Morgan' }).waitFor();
      await page.keyboard.press('Enter');
      const saving = page.locator('.desk-status-saving');
      await saving.waitFor();
      expect(await saving.textContent()).toContain('Saving: Face to face contact for Eve Morgan');
      expect(await violations(page)).toEqual([]);
      expect(await saving.isVisible()).toBe(true);
    } finally {
      answer();
      await sent;
      await page.unroute('**/api/contact.record');
    }
    // The undo strip lasts ten seconds: axe runs well inside them, and the strip is still there after.
    const undo = page.getByRole('button', { name: /^Undo/ });
    await undo.waitFor();
    const shownAt = Date.now();
    expect(await page.locator('.desk-status').textContent()).toContain('Face to face contact recorded for Eve Morgan.');
    expect(await violations(page)).toEqual([]);
    expect(await undo.isVisible()).toBe(true);
    expect(Date.now() - shownAt).toBeLessThan(10_000);
  });

  for (const name of ['My day', 'Rota', 'Clinicians', 'Services', 'Reports', 'Collective action', 'Settings'] as const) {
    it(`has no violations on the ${name} screen`, async () => {
      await screen(page, name);
      await page.getByRole('heading', { level: 2 }).first().waitFor();
      expect(await violations(page)).toEqual([]);
    });
  }

  for (const tab of ['Practice network', 'Backups', 'Patient identifiers', 'Staff', 'Audit trail', 'Practice and this PC'] as const) {
    it(`has no violations on the “${tab}” tab of Settings`, async () => {
      await screen(page, 'Settings');
      await page.getByRole('tab', { name: tab, exact: true }).click();
      await expect.poll(() => page.getByRole('tab', { name: tab, exact: true }).getAttribute('aria-selected')).toBe('true');
      await page.getByRole('tabpanel').getByRole('heading', { level: 2 }).first().waitFor();
      if (tab === 'Patient identifiers') await page.getByRole('row', { name: /943 476 5919/ }).waitFor();
      expect(await violations(page)).toEqual([]);
    });
  }
});
