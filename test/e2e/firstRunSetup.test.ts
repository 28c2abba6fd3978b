import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { callHost } from '../helpers/host.ts';
import { screen } from './deskPage.ts';
import { axeViolations, expectButtonsFit, expectSetupStep, focusedName, screenshot, setupScreen } from './setupPage.ts';
import { useHostInChromium } from './session.ts';

/**
 * A new install in Chromium through the browser host: the setup opens by itself
 * (and the desk's own "Who is at this desk?" waits for it), can be skipped and
 * opened again, refuses bad input without saving any of it, and sets up the
 * practice. Each step is checked with axe and at both laptop sizes.
 */

const CSV_WITH_A_BAD_ROW = ['Name,Role,Daily cap', 'Dr Ada Patel,GP partner,', 'Eve Morgan,Nurse practitioner,', 'Dr Ben Okafor,Salaried GP,20'].join('\r\n');
const CSV_GOOD = ['Name,Role,Daily cap', 'Dr Ada Patel,GP partner,', 'Eve Morgan,Practice nurse,', 'Dr Ben Okafor,Salaried GP,20'].join('\r\n');

describe('the first-run setup, in Chromium through the browser host', () => {
  const session = useHostInChromium({ folderPrefix: 'contactcap-setup-', token: 'e2e-setup-token-0123456789abcdef' });
  let page: Page;
  const errors: string[] = [];
  const api = async <T,>(method: string, input: unknown = {}): Promise<T> => ((await callHost(session.host, method, input)).body as { value: T }).value;

  beforeAll(async () => {
    page = await session.browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(session.host.url);
  });

  it('opens by itself on a new install, asking who is at the desk inside it rather than in a second dialog', async () => {
    await setupScreen(page).waitFor();
    await expectSetupStep(page, 'Step 1 of 3: Your practice');
    expect(await focusedName(page)).toBe('setup-staffName');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await setupScreen(page).getByRole('textbox', { name: 'Your name or initials' }).count()).toBe(1);
    await screenshot(page, 'setup-1-practice');
    expect(await axeViolations(page)).toEqual([]);
    await expectButtonsFit(page, 'setup-1-practice');
  });

  it('refuses an empty practice name with a message, and saves nothing, not even the name at the desk', async () => {
    await setupScreen(page).getByRole('textbox', { name: 'Your name or initials' }).fill('JB');
    await setupScreen(page).getByRole('textbox', { name: 'List size (optional)' }).fill('9500');
    await setupScreen(page).getByRole('button', { name: /^Save and continue/ }).click();
    const alert = setupScreen(page).getByRole('alert');
    await expect.poll(() => alert.textContent()).toBe('Enter the practice’s name.');
    expect(await setupScreen(page).getByRole('textbox', { name: 'Practice name' }).getAttribute('aria-invalid')).toBe('true');
    await expectSetupStep(page, 'Step 1 of 3: Your practice');
    await screenshot(page, 'setup-1-practice-empty-name');
    expect(await api('settings.get')).toMatchObject({ practiceName: '', listSize: null, setup: 'not_done' });
    expect(await api('device.get')).toMatchObject({ staffName: '' });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('can be skipped, keeping what was typed (so the desk need not ask who is there), and Settings opens it again', async () => {
    await setupScreen(page).getByRole('button', { name: 'Skip setup for now' }).click();
    await expect.poll(() => setupScreen(page).isVisible()).toBe(false);
    expect(await api('settings.get')).toMatchObject({ setup: 'skipped', practiceName: '', listSize: 9500 });
    expect(await api('device.get')).toMatchObject({ staffName: 'JB' });
    // The name at the desk was given in the setup, so no second dialog asks for it.
    await page.waitForTimeout(300);
    expect(await page.getByRole('dialog').count()).toBe(0);

    await screen(page, 'Settings');
    const section = page.getByRole('region', { name: 'First-run setup' });
    await expect.poll(() => section.textContent()).toContain('Skipped for now.');
    await section.getByRole('button', { name: 'Open the setup' }).click();
    await expect.poll(() => setupScreen(page).isVisible()).toBe(true);
    // The practice has no administrator yet, so the setup asks again, with the name typed before.
    expect(await setupScreen(page).getByRole('textbox', { name: 'Your name or initials' }).inputValue()).toBe('JB');
    expect(await focusedName(page)).toBe('setup-staffName');
  });

  it('leaves the practice’s name out while it is unset, never printing a stand-in: the slip, the patient notice and the GPAS text', async () => {
    await screen(page, 'Reception');
    await page.getByRole('button', { name: /^Redirect a patient/ }).click();
    const redirect = page.getByRole('dialog', { name: 'Redirect a patient to another service' });
    await redirect.getByRole('combobox', { name: 'Service' }).selectOption({ label: 'Urgent treatment centre' });
    await redirect.getByRole('checkbox', { name: /The patient has been told/ }).check();
    await redirect.getByRole('button', { name: 'Record redirection' }).click();
    const slip = page.getByRole('region', { name: 'Signposting slip' });
    await expect.poll(() => slip.isVisible()).toBe(true);
    const slipText = (await slip.textContent()) ?? '';
    // The slip opens with the date and the service, with no practice line before them.
    expect(slipText).toContain('Urgent treatment centre');
    expect(slipText).not.toContain('From');
    expect(slipText).not.toContain('Our practice');
    await page.getByRole('dialog', { name: /^Redirected to/ }).getByRole('button', { name: 'Close' }).click();

    await screen(page, 'Collective action');
    const notice = page.getByRole('article', { name: 'Information for our patients' });
    await expect.poll(() => notice.isVisible()).toBe(true);
    expect(await notice.textContent()).not.toContain('Our practice');
    expect(await page.getByText('The practice’s name is not set yet, so the notice leaves it out.').count()).toBe(1);

    await screen(page, 'Reports');
    await page.getByRole('tab', { name: 'GPAS return' }).click();
    const text = page.getByRole('textbox', { name: 'Ready to copy into the LMC’s return' });
    await expect.poll(() => text.inputValue()).toMatch(/^GPAS weekly return\n/);
    expect(await text.inputValue()).not.toContain('Our practice');
    expect(await page.getByText('The practice’s name is not set yet, so the return leaves it out.').count()).toBe(1);
    await screenshot(page, 'gpas-without-practice-name');
    // The prompt leads to the setup's first step.
    await page.getByRole('button', { name: 'Add the practice’s name' }).click();
    await expectSetupStep(page, 'Step 1 of 3: Your practice');
  });

  it('is reached from the empty board too', async () => {
    await screen(page, 'Reception');
    await expect.poll(() => setupScreen(page).isVisible()).toBe(false);
    const board = page.getByRole('region', { name: 'Today’s board' });
    await expect.poll(() => board.textContent()).toContain('No clinicians yet.');
    await screenshot(page, 'board-empty-with-setup-link');
    await board.getByRole('button', { name: 'Open the setup' }).click();
    await expect.poll(() => setupScreen(page).isVisible()).toBe(true);
    await expectSetupStep(page, 'Step 1 of 3: Your practice');
  });

  it('refuses to go on without a PIN for the first administrator, or with two PINs that differ, naming nobody', async () => {
    await setupScreen(page).getByRole('textbox', { name: 'Practice name' }).fill('Riverside Surgery');
    await page.keyboard.press('Enter');
    const alert = setupScreen(page).getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Choose a PIN of 4 to 8 digits');
    await setupScreen(page).getByLabel('Your PIN').fill('2580');
    await setupScreen(page).getByLabel('PIN again').fill('2581');
    await page.keyboard.press('Enter');
    await expect.poll(() => alert.textContent()).toContain('The two PINs are not the same');
    expect(await api('session.get')).toMatchObject({ staffNamed: false, staff: null });
    await screenshot(page, 'setup-1-first-administrator');
  });

  it('saves the practice’s name and list size, names the first administrator, signed in, and goes on to the clinicians', async () => {
    await setupScreen(page).getByLabel('PIN again').fill('2580');
    await setupScreen(page).getByRole('textbox', { name: 'Practice name' }).fill('Riverside Surgery');
    await setupScreen(page).getByRole('textbox', { name: 'List size (optional)' }).fill('9,500');
    await page.keyboard.press('Enter');
    await expectSetupStep(page, 'Step 2 of 3: Clinicians and their week');
    expect(await api('settings.get')).toMatchObject({ practiceName: 'Riverside Surgery', listSize: 9500 });
    expect(await api('session.get')).toMatchObject({ staffNamed: true, staff: { name: 'JB', role: 'admin' } });
    expect(await focusedName(page)).toBe('setup-add-name');
    await screenshot(page, 'setup-2-clinicians');
    expect(await axeViolations(page)).toEqual([]);
    await expectButtonsFit(page);
  });

  it('previews a CSV file with a bad row, shows that row’s problem, and adds nobody', async () => {
    await setupScreen(page)
      .getByLabel('CSV file of clinicians')
      .setInputFiles({ name: 'clinicians.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV_WITH_A_BAD_ROW) });
    const preview = setupScreen(page).getByRole('table', { name: /^clinicians\.csv: 3 rows, 1 to fix/ });
    await expect.poll(() => preview.isVisible()).toBe(true);
    const eve = preview.getByRole('row', { name: /Eve Morgan/ });
    expect(await eve.textContent()).toContain('Row 3: “Nurse practitioner” is not a role ContactCap knows. Use one of: GP partner, Salaried GP,');
    expect(await preview.getByRole('row', { name: /Dr Ada Patel/ }).textContent()).toContain('Will be added.');
    expect(await setupScreen(page).getByRole('button', { name: /^Add these/ }).count()).toBe(0);
    expect(await setupScreen(page).getByText('Nothing has been added. Fix the row marked ⚠ in the spreadsheet').count()).toBe(1);
    expect(await api<unknown[]>('clinician.list', { includeInactive: true })).toEqual([]);
    await screenshot(page, 'setup-2-clinicians-bad-row');
    expect(await axeViolations(page)).toEqual([]);
    await expectButtonsFit(page, 'setup-2-clinicians-bad-row');
  });

  it('adds every clinician of a good file at once', async () => {
    await setupScreen(page)
      .getByLabel('CSV file of clinicians')
      .setInputFiles({ name: 'clinicians-fixed.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV_GOOD) });
    const preview = setupScreen(page).getByRole('table', { name: /^clinicians-fixed\.csv: 3 rows, all ready/ });
    await expect.poll(() => preview.isVisible()).toBe(true);
    await screenshot(page, 'setup-2-clinicians-good-file');
    expect(await axeViolations(page)).toEqual([]);
    await setupScreen(page).getByRole('button', { name: 'Add these 3 clinicians' }).click();
    const onBoard = setupScreen(page).getByRole('table', { name: 'On the board (3)' });
    await expect.poll(() => onBoard.isVisible()).toBe(true);
    const list = await api<{ name: string; role: string; dailyCap: number | null }[]>('clinician.list', { includeInactive: true });
    expect(list.map(({ name, role, dailyCap }) => [name, role, dailyCap])).toEqual([
      // In name order, titles ignored.
      ['Dr Ada Patel', 'gp_partner', null],
      ['Dr Ben Okafor', 'salaried_gp', 20],
      ['Eve Morgan', 'practice_nurse', null],
    ]);
    expect(await preview.count()).toBe(0);
  });

  it('saves the usual week ticked beside each clinician, and only the weeks that changed', async () => {
    await setupScreen(page).getByRole('checkbox', { name: 'Friday afternoon for Eve Morgan' }).uncheck();
    await setupScreen(page).getByRole('checkbox', { name: 'Saturday morning for Eve Morgan' }).check();
    await expect.poll(() => setupScreen(page).getByRole('checkbox', { name: 'Saturday morning for Eve Morgan' }).isChecked()).toBe(true);
    await screenshot(page, 'setup-2-clinicians-week');
    expect(await axeViolations(page)).toEqual([]);
    await expectButtonsFit(page, 'setup-2-clinicians-week');
    await page.keyboard.press('Control+Enter');
    await expectSetupStep(page, 'Step 3 of 3: Local services');
    const eve = (await api<{ id: string; name: string }[]>('clinician.list')).find((clinician) => clinician.name === 'Eve Morgan');
    const rota = await api<{ patterns: Record<string, Record<string, { am: boolean; pm: boolean }>> }>('rota.get', { from: '2026-11-23', to: '2026-11-23' });
    expect(rota.patterns[eve?.id ?? '']).toEqual({
      mon: { am: true, pm: true },
      tue: { am: true, pm: true },
      wed: { am: true, pm: true },
      thu: { am: true, pm: true },
      fri: { am: true, pm: false },
      sat: { am: true, pm: false },
      sun: { am: false, pm: false },
    });
    expect(Object.keys(rota.patterns)).toHaveLength(1);
  });

  it('fills in the local services’ numbers and finishes on the board', async () => {
    await screenshot(page, 'setup-3-services');
    expect(await axeViolations(page)).toEqual([]);
    await expectButtonsFit(page, 'setup-3-services');
    // Going Back keeps what was typed: it is saved on the way.
    await setupScreen(page).getByRole('textbox', { name: 'Phone for PCN enhanced-access hub' }).fill('01632 960 456');
    await setupScreen(page).getByRole('button', { name: 'Back' }).click();
    await expectSetupStep(page, 'Step 2 of 3: Clinicians and their week');
    expect((await api<{ id: string; phone: string }[]>('directory.list')).find((entry) => entry.id === 'builtin-hub')?.phone).toBe('01632 960 456');
    await page.keyboard.press('Control+Enter');
    await expectSetupStep(page, 'Step 3 of 3: Local services');
    // The step's boxes are filled from the saved services as it opens: read once they are.
    await expect.poll(() => setupScreen(page).getByRole('textbox', { name: 'Phone for PCN enhanced-access hub' }).inputValue(), { timeout: 5_000 }).toBe('01632 960 456');
    await setupScreen(page).getByRole('textbox', { name: 'Phone for Urgent treatment centre' }).fill('01632 960 123');
    await setupScreen(page).getByRole('textbox', { name: 'Address for Urgent treatment centre' }).fill('Riverside Hospital, Mill Lane');
    await setupScreen(page).getByRole('button', { name: /^Finish setup/ }).click();
    await expect.poll(() => setupScreen(page).isVisible()).toBe(false);
    await expect.poll(() => page.locator('tr.board-row').count()).toBeGreaterThan(0);
    const utc = (await api<{ id: string; phone: string; address: string }[]>('directory.list')).find((entry) => entry.id === 'builtin-utc');
    expect(utc).toMatchObject({ phone: '01632 960 123', address: 'Riverside Hospital, Mill Lane' });
    expect(await api('settings.get')).toMatchObject({ setup: 'done', practiceName: 'Riverside Surgery' });
    await screenshot(page, 'board-after-setup');

    await screen(page, 'Settings');
    await expect.poll(() => page.getByRole('region', { name: 'First-run setup' }).textContent()).toContain('Done.');
    expect(errors).toEqual([]);
  });
});
