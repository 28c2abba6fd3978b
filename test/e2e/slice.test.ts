import { describe, expect, it } from 'vitest';
import { useHostInChromium } from './session.ts';
import { addClinician, recordByKeyboard, sayWhoIsAtTheDesk, screen, setRotaToday, usedText } from './deskPage.ts';
import { skipSetup } from './setupPage.ts';

describe('first slice in Chromium through `npm run web`', () => {
  const session = useHostInChromium({ folderPrefix: 'contactcap-e2e-', token: 'e2e-slice-token-0123456789abcdef', via: 'npm' });

  it('adds a clinician, records three contacts by keyboard, voids one, and still shows 2 used after a reload and a restart', async () => {
    const { host, browser } = session;
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(host.url);

    // The token leaves the address bar once the page has it.
    await expect.poll(() => page.url()).toBe(`${host.origin}/`);
    // A new install opens the setup; this test is about the desk, so it skips it and the desk asks who is there.
    await skipSetup(page);
    await sayWhoIsAtTheDesk(page, 'JB');
    await addClinician(page, 'Dr Ada Patel', 'GP partner');
    // Whatever day of the week the test runs, Dr Patel works today.
    await setRotaToday(page, 'Dr Ada Patel', { am: true, pm: true });

    await screen(page, 'Reception');
    await expect.poll(() => usedText(page, 'Dr Ada Patel')).toBe('0 / 25');
    // Keyboard only from here: the clinician's key, then Enter, three times.
    await page.locator('body').focus();
    await recordByKeyboard(page, 'Dr Ada Patel', '1 / 25');
    await recordByKeyboard(page, 'Dr Ada Patel', '2 / 25');
    await recordByKeyboard(page, 'Dr Ada Patel', '3 / 25');
    const entries = page.getByRole('list', { name: 'Today’s entries, newest first' }).getByRole('listitem');
    await expect.poll(() => entries.count()).toBe(3);

    // Void the newest one with a reason: Tab to its Void button, Enter, type, Enter.
    const firstVoid = page.getByRole('button', { name: /^Void contact:/ }).first();
    const voidName = (await firstVoid.getAttribute('aria-label')) ?? '';
    for (let i = 0; i < 60 && (await page.locator(':focus').getAttribute('aria-label')) !== voidName; i++) await page.keyboard.press('Tab');
    expect(await page.locator(':focus').getAttribute('aria-label')).toBe(voidName);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('dialog', { name: 'Void this contact?' }).isVisible()).toBe(true);
    await page.keyboard.type('Recorded twice by mistake');
    await page.keyboard.press('Enter');
    await expect.poll(() => usedText(page, 'Dr Ada Patel')).toBe('2 / 25');
    await expect.poll(() => entries.filter({ hasText: 'Voided' }).count()).toBe(1);

    await page.reload();
    await expect.poll(() => usedText(page, 'Dr Ada Patel')).toBe('2 / 25');

    await session.restart();
    await page.reload();
    await expect.poll(() => usedText(page, 'Dr Ada Patel')).toBe('2 / 25');
    expect(errors).toEqual([]);
  });
});
