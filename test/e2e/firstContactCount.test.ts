import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { weekdayOf } from '../../shared/rota.ts';
import { callHost } from '../helpers/host.ts';
import { keyOf, usedText } from './deskPage.ts';
import { expectSetupStep, focusedName, setupScreen } from './setupPage.ts';
import { useHostInChromium } from './session.ts';

/**
 * From a fresh install to the first recorded contact, by keyboard alone, with
 * every key counted: a change that adds a step, a dialog or a Tab turns this
 * red. The words typed are the same as in the count before the setup existed
 * (JB at the desk, Dr Ada Patel a GP partner), plus the practice's name, which
 * the setup asks for, and the first administrator's PIN, typed twice (issue 10:
 * the setup names the practice's first administrator).
 *
 * Counted: each key press (a chord such as Ctrl+Enter is one), each character
 * typed, and each mouse click (there are none: the page is never clicked).
 */

const STAFF = 'JB';
const PRACTICE = 'Riverside Surgery';
const CLINICIAN = 'Dr Ada Patel';
const PIN = '2580';

/** Keys pressed other than the words: Tab, Tab, Tab, Enter; Tab, G (GP partner), Enter; Ctrl+Enter twice; the clinician's key, Enter. */
const OTHER_KEYS_ON_A_WEEKDAY = 11;
/**
 * At a weekend the usual week needs today ticked: from the name box, Tab past the
 * role, the cap, Add and the CSV file to Monday morning (5), on to Saturday
 * morning (10 more), Space, Tab, Space.
 */
const OTHER_KEYS_ON_A_SATURDAY = 11 + 15 + 3;
/** On a Sunday: 5 + 12 Tabs, Space, Tab, Space. */
const OTHER_KEYS_ON_A_SUNDAY = 11 + 17 + 3;
/** J B, the PIN twice, Riverside Surgery, Dr Ada Patel: 2 + 8 + 17 + 12. */
const CHARACTERS_TYPED = 39;

describe('keys and clicks from a fresh install to the first recorded contact', () => {
  const session = useHostInChromium({ folderPrefix: 'contactcap-count-', token: 'e2e-count-token-0123456789abcdef' });

  it('takes 50 keys and no clicks on a weekday, through the whole setup', async () => {
    const { host, browser } = session;
    const today = ((await callHost(host, 'system.status', {})).body as { value: { today: string } }).value.today;
    const weekday = weekdayOf(today);
    const page: Page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const count = { keys: 0, typed: 0, clicks: 0 };
    await page.exposeFunction('countClick', () => count.clicks++);
    // Any click or tap that reaches the page, whoever makes it.
    await page.addInitScript(`window.addEventListener('pointerdown', () => void window.countClick(), true);`);
    const press = async (key: string) => {
      count.keys++;
      await page.keyboard.press(key);
    };
    const type = async (text: string) => {
      count.typed += text.length;
      await page.keyboard.type(text);
    };
    const focusedLabel = () => focusedName(page);

    await page.goto(host.url);
    await setupScreen(page).waitFor();
    await expect.poll(focusedLabel).toBe('setup-staffName');

    // Step 1: who is at the desk, and the practice.
    await type(STAFF);
    await press('Tab');
    await type(PIN);
    await press('Tab');
    await type(PIN);
    await press('Tab');
    await type(PRACTICE);
    await press('Enter');
    await expectSetupStep(page, 'Step 2 of 3: Clinicians and their week');

    // Step 2: one clinician, added with Enter from the role list.
    await expect.poll(focusedLabel).toBe('setup-add-name');
    await type(CLINICIAN);
    await press('Tab');
    await press('G');
    await press('Enter');
    await expect.poll(() => setupScreen(page).getByRole('table', { name: /^On the board \(1\)/ }).isVisible()).toBe(true);
    await expect.poll(focusedLabel).toBe('setup-add-name');

    // The usual week starts Monday to Friday; at a weekend, today's sessions are ticked.
    if (weekday === 'sat' || weekday === 'sun') {
      for (let i = 0; i < (weekday === 'sat' ? 15 : 17); i++) await press('Tab');
      const day = weekday === 'sat' ? 'Saturday' : 'Sunday';
      expect(await focusedLabel()).toBe(`${day} morning for ${CLINICIAN}`);
      await press('Space');
      await press('Tab');
      await press('Space');
    }
    await press('Control+Enter');

    // Step 3: the services can wait; finish.
    await expectSetupStep(page, 'Step 3 of 3: Local services');
    await press('Control+Enter');
    await expect.poll(() => setupScreen(page).isVisible()).toBe(false);

    // The board: the clinician's key, then Enter.
    await expect.poll(() => usedText(page, CLINICIAN)).toBe('0 / 25');
    await press(await keyOf(page, CLINICIAN));
    await expect.poll(() => page.getByRole('dialog', { name: `Record a contact for ${CLINICIAN}` }).isVisible()).toBe(true);
    await press('Enter');
    await expect.poll(() => usedText(page, CLINICIAN)).toBe('1 / 25');

    // No second dialog ever asked who is at the desk: the setup did.
    expect(await page.getByRole('dialog', { name: 'Who is at this desk?' }).count()).toBe(0);
    const contacts = (await callHost(host, 'contact.listForDay', {})).body as { value: { recordedBy: string }[] };
    expect(contacts.value.map((contact) => contact.recordedBy)).toEqual([STAFF]);

    const otherKeys = weekday === 'sat' ? OTHER_KEYS_ON_A_SATURDAY : weekday === 'sun' ? OTHER_KEYS_ON_A_SUNDAY : OTHER_KEYS_ON_A_WEEKDAY;
    expect(count).toEqual({ keys: otherKeys, typed: CHARACTERS_TYPED, clicks: 0 });
    if (weekday !== 'sat' && weekday !== 'sun') expect(count.keys + count.typed).toBe(50);
    expect(errors).toEqual([]);
  }, 60_000);
});
