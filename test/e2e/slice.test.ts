import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/fixtures.ts';
import { launchChromium } from '../helpers/browser.ts';
import { freePort, spawnHost, stopHost, type SpawnedHost } from '../helpers/host.ts';

/** Presses Tab until the focused element has the given accessible name, as a keyboard user would. */
async function tabTo(page: Page, name: string, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const element = page.locator(':focus');
    const focused = (await element.getAttribute('aria-label')) ?? (await element.textContent())?.trim() ?? '';
    if (focused === name) return;
  }
  throw new Error(`Could not reach “${name}” with the Tab key`);
}

function usedFor(page: Page, name: string) {
  return page.getByRole('row', { name: new RegExp(`^${name}`) }).getByTestId('used');
}

describe('first slice in Chromium through `npm run web`', () => {
  const data = tempDir('contactcap-e2e-');
  const token = 'e2e-slice-token-0123456789abcdef';
  let browser: Browser;
  let host: SpawnedHost;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    host = await spawnHost({ dataDir: data.dir, port, token, via: 'npm' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser.close();
    await stopHost(host);
    data.remove();
  });

  it('adds a clinician, records three contacts by keyboard, voids one, and still shows 2 used after a reload and a restart', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(host.url);

    // The token leaves the address bar once the page has it.
    await expect.poll(() => page.url()).toBe(`${host.origin}/`);

    await page.getByRole('button', { name: 'Clinicians' }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill('Dr Ada Patel');
    await page.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'GP partner' });
    await page.getByRole('button', { name: 'Add clinician' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Added Dr Ada Patel with a daily cap of 25');

    await page.getByRole('button', { name: 'Today' }).click();
    await expect.poll(() => usedFor(page, 'Dr Ada Patel').textContent()).toBe('0');

    // Keyboard only from here: Tab to the clinician's Record button and press Enter three times.
    await page.locator('body').focus();
    await tabTo(page, 'Record a contact for Dr Ada Patel');
    for (let i = 1; i <= 3; i++) {
      await page.keyboard.press('Enter');
      await expect.poll(() => usedFor(page, 'Dr Ada Patel').textContent()).toBe(String(i));
    }
    await expect(page.getByRole('list', { name: 'Today’s contacts, newest first' }).getByRole('listitem').count()).resolves.toBe(3);

    // Void the newest one with a reason, still by keyboard.
    await tabTo(page, (await page.getByRole('button', { name: /^Void contact:/ }).first().getAttribute('aria-label')) ?? '');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('dialog', { name: 'Void this contact?' }).isVisible()).toBe(true);
    await page.keyboard.type('Recorded twice by mistake');
    await page.keyboard.press('Enter');
    await expect.poll(() => usedFor(page, 'Dr Ada Patel').textContent()).toBe('2');
    await expect(page.getByText('Voided: Recorded twice by mistake').count()).resolves.toBe(1);

    await page.reload();
    await expect.poll(() => usedFor(page, 'Dr Ada Patel').textContent()).toBe('2');

    await stopHost(host);
    host = await spawnHost({ dataDir: data.dir, port, token, via: 'npm' });
    await page.reload();
    await expect.poll(() => usedFor(page, 'Dr Ada Patel').textContent()).toBe('2');
    expect(errors).toEqual([]);
  });
});
