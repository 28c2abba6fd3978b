import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addPracticeDays } from '../../shared/practiceDay.ts';
import { callHost, workingAllDay } from '../helpers/host.ts';
import { violations } from './axe.ts';
import { screen } from './deskPage.ts';
import { screenshot } from './setupPage.ts';
import { useHostInChromium } from './session.ts';

/**
 * Settings → Patient identifiers (issue 10 §5), in Chromium through the browser
 * host, before any staff exist (so nothing is refused): the practice turns NHS
 * numbers on, reception records a redirection with an NHS number and a note, the
 * manager finds it by NHS number and erases it by keyboard alone, after a plain
 * question; the list and the desk then say it is erased. A retention period of
 * 0 days is refused at the box, and shortening it asks before erasing anything.
 */

const NHS_NUMBER = '943 476 5919';
const NOTE = 'Rash on left forearm, call back Friday';
const OTHER_NHS_NUMBER = '401 023 2137';
/** The desk keeps an NHS number's groups together with no-break spaces. */
const spaced = (text: string | null) => (text ?? '').replace(/\u00a0/g, ' ');

describe('the Patient identifiers page in Settings', () => {
  const session = useHostInChromium({ folderPrefix: 'contactcap-identifiers-page-', token: 'identifiers-page-token-0123456789abcdef' });
  let page: Page;
  let today = '';
  const errors: string[] = [];
  const api = async <T,>(method: string, input: unknown = {}): Promise<T> => {
    const body = (await callHost(session.host, method, input)).body as { ok: boolean; value: T; error?: { message: string } };
    if (!body.ok) throw new Error(`${method} was refused: ${body.error?.message ?? ''}`);
    return body.value;
  };
  const announcer = () => page.locator('.announcer');
  const finder = () => page.getByRole('region', { name: 'Find and erase' });
  const rowWith = (text: string) => finder().getByRole('row').filter({ hasText: text });

  /** The focused control's accessible name, as a person hears it: its aria-label, its label, or its text. */
  const focusedName = () =>
    page.evaluate<string>(
      `(() => { const el = document.activeElement; if (!el) return ''; return (el.getAttribute('aria-label') ?? el.labels?.[0]?.textContent ?? el.textContent ?? '').trim(); })()`,
    );
  /** Tab, and only Tab, until the control named `name` has the focus (at most 15 presses). */
  const tabTo = async (name: string | RegExp) => {
    for (let i = 0; i < 15; i++) {
      const now = await focusedName();
      if (typeof name === 'string' ? now === name : name.test(now)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached “${String(name)}”: the focus is on “${await focusedName()}”`);
  };

  beforeAll(async () => {
    await api('device.update', { staffName: 'PM', deviceName: 'Office' });
    const status = await api<{ today: string }>('system.status');
    today = status.today;
    const clinician = await api<{ id: string }>('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner' });
    await workingAllDay(session.host, [clinician.id]);
    page = await session.browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(session.host.url);
    await page.getByRole('button', { name: /^At the desk:/ }).waitFor();
  });

  it('turns NHS numbers on in Practice and this PC, which points to the new tab; before that the tab says nothing is collected', async () => {
    await screen(page, 'Settings');
    await page.getByRole('tab', { name: 'Patient identifiers' }).click();
    const summary = page.getByRole('region', { name: 'Patient identifiers on this PC' });
    await expect.poll(() => summary.textContent()).toContain('Not collecting.');
    expect(await summary.textContent()).toContain('Held on this PC: no NHS numbers or notes.');

    await summary.getByRole('button', { name: 'Practice and this PC' }).click();
    const section = page.getByRole('region', { name: 'Patient identifiers' });
    await section.getByRole('checkbox', { name: 'Record NHS numbers on redirections' }).check();
    await section.getByRole('button', { name: 'Save NHS number setting' }).click();
    await expect.poll(() => announcer().textContent()).toBe('Settings saved.');
    expect((await api<{ collectNhsNumber: boolean }>('settings.get')).collectNhsNumber).toBe(true);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'identifiers-practice-section-1366x768');
    await section.getByRole('button', { name: 'Patient identifiers' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Patient identifiers' }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => summary.textContent()).toContain('Reception can add a patient’s NHS number');
  });

  it('reception records a redirection with an NHS number and a note, and today’s list shows them', async () => {
    await screen(page, 'Reception');
    await page.locator('body').focus();
    await page.keyboard.press('F2');
    const form = page.getByRole('dialog', { name: 'Redirect a patient to another service' });
    await form.waitFor();
    await form.getByRole('combobox', { name: 'Service' }).selectOption({ label: 'Urgent treatment centre' });
    await form.getByRole('textbox', { name: 'NHS number (optional)' }).fill('9434765919');
    await form.getByRole('textbox', { name: 'Note (optional)' }).fill(NOTE);
    await form.getByRole('checkbox', { name: /The patient has been told/ }).check();
    await form.getByRole('button', { name: 'Record redirection' }).click();
    const done = page.getByRole('dialog', { name: /^Redirected to/ });
    await done.waitFor();
    await done.getByRole('button', { name: 'Close', exact: true }).click();
    const entries = page.getByRole('list', { name: 'Today’s entries, newest first' });
    await expect.poll(async () => spaced(await entries.textContent())).toContain(`NHS number ${NHS_NUMBER} · Note: ${NOTE}`);

    // More for the list: another patient's redirection, a patient kept for later today, and one kept three days ago, entered late.
    await api('redirection.record', { destinationId: 'builtin-pharmacy-first', reason: 'more_appropriate_service', patientTold: true, pharmacyFirst: { route: 'signposted' }, nhsNumber: OTHER_NHS_NUMBER, note: 'Sore throat, 3 days' });
    await api('deferral.record', { kind: 'waiting_list', patientTold: true, note: 'Prefers mornings' });
    await api('deferral.record', {
      kind: 'waiting_list',
      patientTold: true,
      note: 'Wants a call about results',
      occurredAt: new Date(`${addPracticeDays(today, -3)}T10:00:00Z`).toISOString(),
      lateReason: 'Forgotten at the time',
    });
  });

  it('finds the redirection by NHS number and erases it by keyboard alone, after a plain question', async () => {
    await screen(page, 'Settings');
    await page.getByRole('tab', { name: 'Patient identifiers' }).click();
    await expect.poll(() => finder().getByRole('status').textContent()).toBe('4 records with an NHS number or a note, newest first, erased ones included.');
    expect(await page.getByRole('region', { name: 'Patient identifiers on this PC' }).textContent()).toContain('the NHS number or note of 4 records');
    await screenshot(page, 'identifiers-all-1366x768');

    // Typed without spaces; Enter finds.
    await finder().getByRole('textbox', { name: 'NHS number' }).focus();
    await page.keyboard.type('9434765919');
    await page.keyboard.press('Enter');
    await expect.poll(() => finder().getByRole('status').textContent()).toBe(`1 record on this PC still holds NHS number ${NHS_NUMBER}.`);
    const row = rowWith(NOTE);
    expect(await row.getByRole('cell').allInnerTexts()).toEqual([
      '',
      expect.stringMatching(/^\w{3} \d{1,2} \w{3} at \d\d:\d\d$/) as unknown as string,
      'Redirection to Urgent treatment centre',
      NHS_NUMBER,
      NOTE,
      'Held here',
    ]);
    expect(await finder().getByRole('row').count()).toBe(2);

    await tabTo(/^Choose: .*Redirection to Urgent treatment centre$/);
    await page.keyboard.press('Space');
    await tabTo('Why they are erased');
    await page.keyboard.press('ArrowDown');
    expect(await finder().getByRole('combobox', { name: 'Why they are erased' }).inputValue()).toBe('patient_request');
    await tabTo('Erase identifiers from 1 record…');
    await screenshot(page, 'identifiers-found-1366x768');
    expect(await violations(page)).toEqual([]);
    await page.keyboard.press('Enter');

    const dialog = page.getByRole('dialog', { name: 'Erase the NHS number and note of 1 record?' });
    await dialog.waitFor();
    const said = (await dialog.textContent()) ?? '';
    expect(said).toContain(`Redirection to Urgent treatment centre · NHS number ${NHS_NUMBER}`);
    expect(said).toContain('Why: The patient asked.');
    expect(said).toContain('They are erased on every PC of the practice');
    expect(said).toContain('This cannot be undone.');
    expect(said).toContain('every count and report is unchanged');
    // The safe answer has the focus: a stray Enter erases nothing.
    expect(await focusedName()).toBe('Keep them');
    await screenshot(page, 'identifiers-confirm-1366x768');
    expect(await violations(page)).toEqual([]);
    await tabTo('Erase for good');
    await page.keyboard.press('Enter');

    await expect.poll(() => dialog.count()).toBe(0);
    await expect
      .poll(() => announcer().textContent())
      .toBe('Erased the NHS number and note of 1 record: on this PC now, and on the practice’s other PCs as soon as each is connected.');
    await expect.poll(() => finder().getByRole('status').textContent()).toBe(`No record on this PC still holds NHS number ${NHS_NUMBER}; 1 record erased just now.`);
    const erased = finder().getByRole('row').filter({ hasText: 'Redirection to Urgent treatment centre' });
    expect(await erased.getByRole('cell').allInnerTexts()).toEqual(['', expect.any(String) as unknown as string, 'Redirection to Urgent treatment centre', '', '', 'Erased']);
    expect(await erased.getByRole('checkbox').count()).toBe(0);
    await screenshot(page, 'identifiers-erased-1366x768');

    // The core agrees: nothing holds the number, and every record is still there.
    expect(await api<unknown[]>('identifiers.find', { nhsNumber: NHS_NUMBER })).toEqual([]);
    const redirections = await api<{ identifiers: string; note: string; nhsNumber: string | null; destinationName: string }[]>('redirection.listForDay');
    expect(redirections.find((item) => item.destinationName === 'Urgent treatment centre')).toMatchObject({ identifiers: 'erased', note: '', nhsNumber: null });
    expect(redirections).toHaveLength(2);

    // Show all lists it among the rest, erased.
    await finder().getByRole('button', { name: 'Show all' }).click();
    await expect.poll(() => finder().getByRole('status').textContent()).toBe('4 records with an NHS number or a note, newest first, erased ones included.');
    expect(await rowWith('Urgent treatment centre').getByRole('cell').last().textContent()).toBe('Erased');
    expect(await rowWith(OTHER_NHS_NUMBER).getByRole('cell').last().textContent()).toBe('Held here');
  });

  it('the desk then says the NHS number and note are erased, in words', async () => {
    await screen(page, 'Reception');
    const entries = page.getByRole('list', { name: 'Today’s entries, newest first' });
    const entry = entries.getByRole('listitem').filter({ hasText: 'Urgent treatment centre' });
    await expect.poll(() => entry.textContent()).toContain('NHS number and note erased');
    expect(await entries.textContent()).not.toContain(NOTE);
    expect(spaced(await entries.textContent())).toContain(`NHS number ${OTHER_NHS_NUMBER} · Note: Sore throat, 3 days`);
    expect(await entries.textContent()).toContain('Note: Prefers mornings');
    await screenshot(page, 'identifiers-desk-1366x768');
  });

  it('refuses a retention period of 0 days at the box and saves nothing; shortening it asks before erasing older ones', async () => {
    await screen(page, 'Settings');
    await page.getByRole('tab', { name: 'Patient identifiers' }).click();
    const section = page.getByRole('region', { name: 'How long they are kept' });
    const box = section.getByRole('textbox', { name: /^Keep NHS numbers and notes for/ });
    await box.fill('0');
    await box.press('Enter');
    const alert = section.getByRole('alert');
    await expect.poll(() => alert.textContent()).toBe('Keep identifiers for at least 1 day.');
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    expect((await box.getAttribute('aria-describedby'))?.split(' ')).toContain(await alert.getAttribute('id'));
    expect(await box.inputValue()).toBe('0');
    expect((await api<{ identifierRetentionDays: number }>('settings.get')).identifierRetentionDays).toBe(30);

    // One day would erase the note kept three days ago: asked first, and keeping changes nothing.
    await box.fill('1');
    await box.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Shorten to 1 day and erase the older ones?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('This cannot be undone.');
    expect(await focusedName()).toBe('Keep 30 days');
    await screenshot(page, 'identifiers-shorten-1366x768');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await box.inputValue()).toBe('30');
    expect((await api<{ identifierRetentionDays: number }>('settings.get')).identifierRetentionDays).toBe(30);
    expect(await api<unknown[]>('identifiers.find', { text: 'call about results' })).toHaveLength(1);

    // Two weeks keeps everything held: saved without a question.
    await box.fill('14');
    await box.press('Enter');
    await expect.poll(() => announcer().textContent()).toBe('Settings saved.');
    expect((await api<{ identifierRetentionDays: number }>('settings.get')).identifierRetentionDays).toBe(14);
    await expect.poll(() => page.getByRole('region', { name: 'Patient identifiers on this PC' }).textContent()).toContain('Kept for 14 days:');
    expect(await violations(page)).toEqual([]);
  });

  it('once staff exist, someone not signed in is shown the core’s refusal in place of the identifiers, at once', async () => {
    await api('staff.add', { name: 'Ann Admin', role: 'admin', pin: '2580' });
    await api('session.signOut');
    const summary = page.getByRole('region', { name: 'Patient identifiers on this PC' });
    await expect.poll(() => summary.textContent()).toContain('Sign in to see what patient identifiers are held');
    expect(await summary.textContent()).not.toContain(OTHER_NHS_NUMBER);
    expect(await page.getByRole('region', { name: 'Find and erase' }).count()).toBe(0);
    await screenshot(page, 'identifiers-refused-1366x768');
    expect(errors).toEqual([]);
  });
});
