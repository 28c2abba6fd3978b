import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { callHost } from '../helpers/host.ts';
import { pdfPageCount } from '../helpers/pdfPages.ts';
import { violations } from './axe.ts';
import { keyOf } from './deskPage.ts';
import { useHostInChromium } from './session.ts';

/**
 * The signposting slip after a redirection, in Chromium through the browser
 * host: focus on Print, what the slip says, the same slip as text to read out
 * or send, one printed page, and buttons that stay on screen.
 */

/** The longest service a practice could realistically enter: each field near its limit (80, 40, 200 and 120 characters; hint 300). */
const LONGEST = {
  kind: 'urgent_treatment_centre',
  name: 'St Bartholomew’s Urgent Treatment Centre and Minor Injuries Unit, Ground Floor',
  phone: '0161 496 0000 (option 3, then option 1)',
  address:
    'Entrance C, opposite the multi-storey car park, Ground Floor, Outpatients Building, St Bartholomew’s Hospital, 1 Long Hospital Road, Middleton-on-the-Wolds, Greater Manchester, M24 6ZZ',
  hours: 'Monday to Friday 08:00–22:00; weekends and bank holidays 09:00–21:00; last patients seen 30 minutes before closing',
  hint: 'GP-led. For injuries and illnesses that are urgent but not life-threatening: sprains, suspected broken bones, minor burns, cuts that need stitches, eye problems. Children over one year. Check the patient can get there: the car park fills by 10:00 on weekdays and the bus stop is a ten-minute walk.',
} as const;

const SAFETY_NET = 'If you get worse, or you are worried, call NHS 111 or go to 111.nhs.uk. In an emergency call 999. You can always contact the practice again.';
// A valid NHS number in the 999 test range: the core warns about it, which makes the step as tall as it gets.
const NHS_NUMBER = '999 000 0018';
const NOTE = 'Sore throat for three days';

/** The practice's date and time of an instant, written out with the browser's own en-GB formats (not the app's code). */
function britishDateTime(iso: string): string {
  const at = new Date(iso);
  const date = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' }).format(at);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  return `${date} at ${time}`;
}

/** The printed slip's lines, by hand, for the longest entry. */
function expectedSlip(when: string): string[] {
  return [
    'From Riverside Medical Practice',
    when,
    'Service St Bartholomew’s Urgent Treatment Centre and Minor Injuries Unit, Ground Floor',
    'Phone 0161 496 0000 (option 3, then option 1)',
    'Address Entrance C, opposite the multi-storey car park, Ground Floor, Outpatients Building, St Bartholomew’s Hospital, 1 Long Hospital Road, Middleton-on-the-Wolds, Greater Manchester, M24 6ZZ',
    'Hours Monday to Friday 08:00–22:00; weekends and bank holidays 09:00–21:00; last patients seen 30 minutes before closing',
    SAFETY_NET,
  ];
}

/** The same slip as text, by hand: labels with colons, and plain marks a basic text message can carry. */
function expectedText(when: string): string {
  return [
    'From Riverside Medical Practice',
    when,
    "Service: St Bartholomew's Urgent Treatment Centre and Minor Injuries Unit, Ground Floor",
    'Phone: 0161 496 0000 (option 3, then option 1)',
    "Address: Entrance C, opposite the multi-storey car park, Ground Floor, Outpatients Building, St Bartholomew's Hospital, 1 Long Hospital Road, Middleton-on-the-Wolds, Greater Manchester, M24 6ZZ",
    'Hours: Monday to Friday 08:00-22:00; weekends and bank holidays 09:00-21:00; last patients seen 30 minutes before closing',
    SAFETY_NET,
  ].join('\n');
}

const redirected = (page: Page) => page.getByRole('dialog', { name: /^Redirected to/ });

/** The control with the keyboard focus: its tag, its text, and whether it is in the open dialog. (Code for the page is written as text: the tests' types have no DOM.) */
const focused = (page: Page) =>
  page.evaluate<{ tag: string; text: string; inDialog: boolean } | null>(
    `document.activeElement && { tag: document.activeElement.tagName, text: document.activeElement.textContent, inDialog: document.activeElement.closest('dialog[open]') !== null }`,
  );

/** The text of each block of a slip (its paragraphs and heading), spaces tidied. */
async function slipBlocks(page: Page, within: string): Promise<string[]> {
  const texts = await page.locator(`${within} .slip`).locator('p, h3').allTextContents();
  return texts.map((text) => text.replace(/\s+/g, ' ').trim());
}

/**
 * The step's title and its buttons are all on screen together: the slip scrolls
 * inside the dialog, the buttons do not scroll away (nor the title, as they would
 * if the whole dialog scrolled to show a focused button), and nothing covers them.
 */
async function expectStepOnScreen(page: Page): Promise<void> {
  const viewport = page.viewportSize();
  if (!viewport) throw new Error('no viewport');
  const title = redirected(page).getByRole('heading', { level: 2 });
  const buttons = ['Close', 'Copy as text', 'Print slip'].map((name) => [name, redirected(page).getByRole('button', { name, exact: true })] as const);
  for (const [name, control] of [['the title', title] as const, ...buttons]) {
    const box = await control.boundingBox();
    expect(box, name).not.toBeNull();
    if (!box) return;
    expect(box.y, `${name} is cut off at the top`).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height, `${name} is cut off at the bottom`).toBeLessThanOrEqual(viewport.height);
    expect(box.x + box.width, name).toBeLessThanOrEqual(viewport.width);
    const reached = await page.evaluate<string | null>(
      `document.elementFromPoint(${String(box.x + box.width / 2)}, ${String(box.y + box.height / 2)})?.closest('button, h2')?.textContent ?? null`,
    );
    expect(reached, `${name} is covered`).toBe(name === 'the title' ? await title.textContent() : name);
  }
}

async function latestRedirectionTime(session: { host: { origin: string; token: string } }): Promise<string> {
  const listed = (await callHost(session.host, 'redirection.listForDay', {})).body as { value: { occurredAt: string }[] };
  const times = listed.value.map((redirection) => redirection.occurredAt).sort();
  const last = times.at(-1);
  if (!last) throw new Error('no redirection recorded');
  return last;
}

describe('the signposting slip, in Chromium through the browser host', () => {
  const session = useHostInChromium({ folderPrefix: 'contactcap-slip-', token: 'slip-token-0123456789abcdef-0123456' });

  beforeAll(async () => {
    const { host } = session;
    const status = (await callHost(host, 'system.status', {})).body as { value: { today: string } };
    await callHost(host, 'device.update', { staffName: 'JB', deviceName: 'Reception 1' });
    await callHost(host, 'settings.update', { practiceName: 'Riverside Medical Practice', collectNhsNumber: true });
    const entry = (await callHost(host, 'directory.create', LONGEST)).body as { ok: boolean };
    expect(entry.ok).toBe(true);
    const ada = (await callHost(host, 'clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner', capped: true })).body as { value: { id: string } };
    await callHost(host, 'rota.setDay', { clinicianId: ada.value.id, day: status.value.today, override: { am: true, pm: true } });
    for (let i = 0; i < 25; i++) await callHost(host, 'contact.record', { clinicianId: ada.value.id });
  });

  it('after a redirection from a full clinician: focus on Print, a dated slip naming the practice and service, the same as text, copied, one page', async () => {
    const context = await session.browser.newContext({ viewport: { width: 1366, height: 768 }, permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(session.host.url);
    await page.locator('tr.board-row').first().waitFor();

    // Dr Patel is full: her key opens the routing step, S the redirect form.
    await page.locator('body').focus();
    await page.keyboard.press(await keyOf(page, 'Dr Ada Patel'));
    await page.getByRole('dialog', { name: 'Dr Ada Patel is full' }).waitFor();
    await page.keyboard.press('S');
    const form = page.getByRole('dialog', { name: 'Redirect instead of Dr Ada Patel' });
    await form.waitFor();
    await form.getByRole('combobox', { name: 'Service' }).selectOption({ label: LONGEST.name });
    await form.getByRole('textbox', { name: 'NHS number (optional)' }).fill(NHS_NUMBER);
    await form.getByRole('textbox', { name: /^Note/ }).fill(NOTE);
    await form.getByRole('checkbox', { name: /The patient has been told/ }).check();
    await form.getByRole('button', { name: 'Record redirection' }).click();

    // The focus goes straight to Print.
    await redirected(page).waitFor();
    expect(await focused(page)).toEqual({ tag: 'BUTTON', text: 'Print slip', inDialog: true });

    // The slip: practice, date and time, service, phone, address, hours, what to do if worse; nothing about the patient.
    const when = britishDateTime(await latestRedirectionTime(session));
    const slip = redirected(page).getByRole('region', { name: 'Signposting slip' });
    expect(await slipBlocks(page, 'dialog[open]')).toEqual(expectedSlip(when));
    const slipText = (await slip.textContent()) ?? '';
    for (const identifier of [NHS_NUMBER, NHS_NUMBER.replace(/ /g, ''), NOTE]) expect(slipText).not.toContain(identifier);
    expect(await violations(page)).toEqual([]);
    await expectStepOnScreen(page);

    // The same slip as text, to read out or send; copied to the clipboard with a visible confirmation.
    await redirected(page).getByRole('button', { name: 'Read out / text message' }).click();
    expect(await redirected(page).getByRole('button', { name: 'Read out / text message' }).getAttribute('aria-pressed')).toBe('true');
    const textBox = redirected(page).getByRole('textbox', { name: 'Text to read out, or to paste into a text message' });
    const text = expectedText(when);
    expect(await textBox.inputValue()).toBe(text);
    // All basic GSM characters: 153 to a part once joined.
    expect(await redirected(page).getByText(/characters: \d+ text messages/).textContent()).toBe(`${text.length} characters: ${Math.ceil(text.length / 153)} text messages.`);
    await redirected(page).getByRole('button', { name: 'Copy as text' }).click();
    await expect.poll(() => redirected(page).getByRole('status').textContent()).toBe('Copied. Paste it into the text message.');
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(text);
    expect(await violations(page)).toEqual([]);
    await expectStepOnScreen(page);

    // Printed: the slip alone, every block kept whole, on one A4 page and on one A5 page.
    await page.emulateMedia({ media: 'print' });
    expect(await redirected(page).isVisible()).toBe(false);
    expect(await page.locator('.app').isVisible()).toBe(false);
    expect(await slipBlocks(page, 'body > .slip-print-sheet')).toEqual(expectedSlip(when));
    const breaks = await page.evaluate<string[]>(
      `[...document.querySelectorAll('body > .slip-print-sheet .slip, body > .slip-print-sheet .slip-block')].map((block) => getComputedStyle(block).breakInside)`,
    );
    expect(breaks).toEqual(Array<string>(expectedSlip(when).length + 1).fill('avoid'));
    // Back to no emulation: a PDF is then made with print media (emulating 'screen' would print the screen).
    await page.emulateMedia({ media: null });
    expect(pdfPageCount(await page.pdf({ format: 'A4' }))).toBe(1);
    expect(pdfPageCount(await page.pdf({ format: 'A5' }))).toBe(1);

    // Closed: nothing of the slip is left in the page to print later.
    await redirected(page).getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => redirected(page).count()).toBe(0);
    expect(await page.locator('.slip-print-sheet').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('at 1280×720, with no clipboard allowed: the buttons stay on screen and Copy selects the text for Ctrl+C', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.addInitScript(() => {
      Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('not allowed')) } });
    });
    await page.goto(session.host.url);
    await page.locator('tr.board-row').first().waitFor();

    // F2 from the board, the service chosen, the NHS number's warning shown above the slip.
    await page.locator('body').focus();
    await page.keyboard.press('F2');
    const form = page.getByRole('dialog', { name: 'Redirect a patient to another service' });
    await form.waitFor();
    await form.getByRole('combobox', { name: 'Service' }).selectOption({ label: LONGEST.name });
    await form.getByRole('textbox', { name: 'NHS number (optional)' }).fill(NHS_NUMBER);
    await form.getByRole('checkbox', { name: /The patient has been told/ }).check();
    await form.getByRole('button', { name: 'Record redirection' }).click();
    await redirected(page).waitFor();
    expect(await redirected(page).getByRole('alert').textContent()).toContain('test numbers');
    await expectStepOnScreen(page);

    // Copy from the printed view: the text view opens with all of it selected.
    await page.keyboard.press('Shift+Tab'); // from Print to Copy
    expect(await focused(page)).toEqual({ tag: 'BUTTON', text: 'Copy as text', inDialog: true });
    await page.keyboard.press('Enter');
    await expect.poll(() => redirected(page).getByRole('status').textContent()).toBe('The text is selected: press Ctrl+C to copy it.');
    expect(await focused(page)).toMatchObject({ tag: 'TEXTAREA', inDialog: true });
    const text = expectedText(britishDateTime(await latestRedirectionTime(session)));
    expect(await redirected(page).getByRole('textbox', { name: 'Text to read out, or to paste into a text message' }).inputValue()).toBe(text);
    const selection = await page.evaluate<{ start: number; end: number }>(`({ start: document.activeElement.selectionStart, end: document.activeElement.selectionEnd })`);
    expect(selection).toEqual({ start: 0, end: text.length });
    await expectStepOnScreen(page);
    expect(await violations(page)).toEqual([]);
    await page.close();
  }, 60_000);
});
