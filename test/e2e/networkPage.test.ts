import { cpSync, mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { callHost, freePort, spawnHost, stopHost, type SpawnedHost } from '../helpers/host.ts';
import { violations } from './axe.ts';
import { onScreen, sidewaysScroll, whollyOnScreen } from './layoutProbe.ts';
import { useHostInChromium } from './session.ts';

/** Crockford's base 32, written out here: four groups of four, a dash between, then the check character. */
const JOIN_CODE_SHAPE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]$/;

interface Status {
  state: string;
  addresses: string[];
}

describe('the practice network page in Settings, on one PC', () => {
  let networkPort = 0;
  beforeAll(async () => {
    networkPort = await freePort();
  });
  const session = useHostInChromium({
    folderPrefix: 'contactcap-netpage-',
    token: 'netpage-token-0123456789abcdef-0123',
    // Loopback only, and no discovery: this test sends nothing beyond this machine.
    args: () => ['--network-port', String(networkPort), '--network-listen', '127.0.0.1', '--no-discovery'],
  });
  let page: Page;
  let joinCode = '';

  const status = async () => ((await callHost(session.host, 'network.status', {})).body as { value: Status }).value;
  const focusedText = () => page.evaluate<string>(`document.activeElement?.textContent?.trim() ?? ''`);
  const headerLine = () => page.locator('header .network-line');

  beforeAll(async () => {
    await callHost(session.host, 'device.update', { staffName: 'JB', deviceName: 'Reception 1' });
    page = await session.browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(session.host.url);
    await page.getByRole('button', { name: /^At the desk:/ }).waitFor();
  });

  it('is reached with the keyboard alone: Tab to Settings, Enter, Tab to the tabs, the right arrow', async () => {
    await page.locator('body').focus();
    for (let i = 0; i < 20 && (await focusedText()) !== 'Settings'; i++) await page.keyboard.press('Tab');
    expect(await focusedText()).toBe('Settings');
    await page.keyboard.press('Enter');
    for (let i = 0; i < 20 && (await page.evaluate<string | null>(`document.activeElement?.getAttribute('role') ?? null`)) !== 'tab'; i++) await page.keyboard.press('Tab');
    expect(await focusedText()).toBe('Practice and this PC');
    await page.keyboard.press('ArrowRight');
    const tab = page.getByRole('tab', { name: 'Practice network' });
    await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
    expect(await focusedText()).toBe('Practice network');
    await page.getByRole('heading', { name: 'Join a practice network' }).waitFor();
    expect(await page.getByRole('button', { name: 'Create a practice network' }).isVisible()).toBe(true);
    // On its own, the PC has no line about the network in the header.
    expect(await headerLine().count()).toBe(0);
  });

  it('has no accessibility violations before this PC joins', async () => {
    expect(await violations(page)).toEqual([]);
  });

  it('creates a network and shows the join code large, in groups of four and a check character', async () => {
    await page.getByRole('button', { name: 'Create a practice network' }).click();
    const code = page.locator('.join-code');
    await code.waitFor();
    joinCode = ((await code.textContent()) ?? '').trim();
    expect(joinCode).toMatch(JOIN_CODE_SHAPE);
    // The code on the page is the one the core keeps.
    expect(((await callHost(session.host, 'network.joinCode', {})).body as { value: { joinCode: string } }).value.joinCode).toBe(joinCode);
    // Large enough to read out from across the desk.
    expect(await page.evaluate<number>(`parseFloat(getComputedStyle(document.querySelector('.join-code')).fontSize)`)).toBeGreaterThanOrEqual(28);
    expect(await page.getByText('type this code, group by group').isVisible()).toBe(true);
    await expect.poll(() => headerLine().textContent(), { timeout: 15_000 }).toContain('In the practice network: no other PC has joined yet');
    expect((await status()).state).not.toBe('not_joined');
  });

  it('has no accessibility violations with the join code showing, and fits 1366 × 768 with the header on one row of screens', async () => {
    expect(await violations(page)).toEqual([]);
    const { scrollWidth, innerWidth } = await sidewaysScroll(page);
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    expect(whollyOnScreen(await onScreen(page, '.join-code'))).toBe(true);
    expect(whollyOnScreen(await onScreen(page, 'header .network-line'))).toBe(true);
    // The line about the network takes no room from the screens: all eight stay on one line.
    expect(await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Menu', exact: true }).count()).toBe(0);
  });

  it('refuses an address that is not one, with the core’s words, and keeps what was saved', async () => {
    const box = page.getByRole('textbox', { name: 'Addresses, one per line' });
    await box.fill('not an address!');
    await page.getByRole('button', { name: 'Save addresses and port' }).click();
    const alert = page.locator('#network-addresses-error');
    await expect.poll(() => alert.textContent()).toContain('“not an address!” is not an address');
    expect(await alert.textContent()).toContain('Nothing was changed.');
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    expect((await status()).addresses).toEqual([]);

    await box.fill('127.0.0.1:45001');
    await page.getByRole('button', { name: 'Save addresses and port' }).click();
    await expect.poll(async () => (await status()).addresses).toEqual(['127.0.0.1:45001']);
    expect(await alert.count()).toBe(0);
  });

  it('leaves the network only after asking, and says everything recorded stays', async () => {
    await page.getByRole('button', { name: 'Leave the network…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Leave the practice network?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Everything recorded stays');
    // The safe answer has the focus: a stray Enter leaves nothing.
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect((await status()).state).not.toBe('not_joined');

    await page.getByRole('button', { name: 'Leave the network…' }).click();
    await dialog.getByRole('button', { name: 'Leave the network' }).click();
    await page.getByRole('button', { name: 'Create a practice network' }).waitFor();
    expect((await status()).state).toBe('not_joined');
    // The focus is not lost with the button that went: it is on the part of the page that follows.
    await expect.poll(() => page.evaluate<string>(`document.activeElement?.id ?? ''`)).toBe('network-create');
    await expect.poll(() => headerLine().count()).toBe(0);
  });

  it('checks a join code as it is typed: one changed character gets the specific message, and nothing is joined', async () => {
    const box = page.getByRole('textbox', { name: 'Join code' });
    const note = page.locator('#join-code-note');

    // Half typed: a neutral count, not yet a mistake.
    await box.fill(joinCode.slice(0, 9));
    expect(await note.textContent()).toContain('this one has 8');
    expect(await box.getAttribute('aria-invalid')).toBeNull();

    // The whole code, as read out, in small letters and with spaces: written correctly.
    await box.fill(joinCode.toLowerCase().replaceAll('-', ' '));
    expect(await note.textContent()).toContain('Written correctly');

    const first = joinCode.charAt(0);
    const wrong = `${first === '7' ? '8' : '7'}${joinCode.slice(1)}`;
    await box.fill(wrong);
    const message = 'This join code has a mistake in it: a character is wrong or two are swapped. Check each group against the code on the other PC.';
    expect(await note.textContent()).toContain(message);
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('button', { name: 'Join the network' }).click();
    const alert = page.locator('#join-code-error');
    await expect.poll(() => alert.textContent()).toBe(message);
    expect(await alert.getAttribute('role')).toBe('alert');
    expect((await status()).state).toBe('not_joined');
    mkdirSync('/tmp/net-shots', { recursive: true });
    await page.screenshot({ path: '/tmp/net-shots/network-page-wrong-code.png', fullPage: true });

    // A letter a join code never has.
    await box.fill(`U${joinCode.slice(1)}`);
    expect(await note.textContent()).toContain('never the letter U: “U” is not in it');
    expect((await status()).state).toBe('not_joined');
    expect(await headerLine().count()).toBe(0);
  });
});

describe('a data folder copied from a PC in the network', () => {
  const original = tempDir('contactcap-netcopy-a-');
  const copy = tempDir('contactcap-netcopy-b-');
  const hosts: SpawnedHost[] = [];
  const start = async (dataDir: string, token: string) => {
    const host = await spawnHost({ dataDir, token, args: ['--network-port', String(await freePort()), '--network-listen', '127.0.0.1', '--no-discovery'] });
    hosts.push(host);
    return host;
  };

  afterAll(async () => {
    for (const host of hosts) await stopHost(host);
    original.remove();
    copy.remove();
  });

  it('says on its first start, like the other startup notices, that the PC now has a new identity in the network', async () => {
    const first = await start(original.dir, 'netcopy-a-token-0123456789abcdef-0123');
    await callHost(first, 'network.create', {});
    await expect.poll(async () => ((await callHost(first, 'network.status', {})).body as { value: Status }).value.state, { timeout: 20_000 }).toBe('running');
    await stopHost(first);
    cpSync(original.dir, copy.dir, { recursive: true });

    const copied = await start(copy.dir, 'netcopy-b-token-0123456789abcdef-0123');
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      await page.goto(copied.url);
      const notice = page.locator('.banner-warning[role="alert"]');
      await expect.poll(() => notice.textContent(), { timeout: 20_000 }).toContain('this PC now has a new identity in the practice network. Nothing recorded is lost.');
    } finally {
      await browser.close();
    }
  }, 60_000);
});
