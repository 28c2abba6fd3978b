import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { callHost, freePort, spawnHost, stopHost, type SpawnedHost } from '../helpers/host.ts';
import { violations } from './axe.ts';
import { boardRow, keyOf, screen, usedText } from './deskPage.ts';

/**
 * Two reception PCs, each a browser host on its own data folder, joined into one
 * practice network through the Network page as a practice manager would. The
 * PCs talk on 127.0.0.1 only, with discovery off: the addresses are typed in.
 */

const SHOTS = '/tmp/net-shots';
const CLINICIAN = 'Dr Ada Patel';
const LONG = { timeout: 30_000, interval: 100 };

interface Pc {
  name: string;
  staff: string;
  token: string;
  data: { dir: string; remove: () => void };
  webPort: number;
  netPort: number;
  host: SpawnedHost | null;
  page: Page | null;
}

interface DeskContact {
  id: string;
  occurredAt: string;
  device: string;
  overCommit: string | null;
  voided: { reason: string } | null;
}

function pc(name: string, staff: string, token: string, prefix: string): Pc {
  return { name, staff, token, data: tempDir(prefix), webPort: 0, netPort: 0, host: null, page: null };
}

function hostOf(one: Pc): SpawnedHost {
  if (!one.host) throw new Error(`${one.name} is not running`);
  return one.host;
}

function pageOf(one: Pc): Page {
  if (!one.page) throw new Error(`${one.name} has no page`);
  return one.page;
}

async function deskContacts(one: Pc): Promise<DeskContact[]> {
  return ((await callHost(hostOf(one), 'desk.today', {})).body as { value: { contacts: DeskContact[] } }).value.contacts;
}

async function openNetworkPage(page: Page): Promise<void> {
  await screen(page, 'Settings');
  await page.getByRole('tab', { name: 'Practice network' }).click();
  await page.getByRole('tabpanel').getByRole('heading', { level: 2 }).first().waitFor();
}

/** The line in a PC's Network page about another PC: its name, then how it is doing. */
function memberOnPage(page: Page, name: string) {
  return page.locator('.network-member').filter({ has: page.getByRole('heading', { name, exact: true }) });
}

describe('two reception PCs in one practice network, end to end in Chromium', () => {
  const a = pc('Reception 1', 'AB', 'twodesks-a-token-0123456789abcdef-01', 'contactcap-2desk-a-');
  const b = pc('Reception 2', 'CD', 'twodesks-b-token-0123456789abcdef-01', 'contactcap-2desk-b-');
  let browser: Browser;
  let clinicianId = '';
  let aLastPlace = '';
  let bLastPlace = '';

  async function start(one: Pc): Promise<void> {
    one.host = await spawnHost({
      dataDir: one.data.dir,
      port: one.webPort,
      token: one.token,
      args: ['--network-port', String(one.netPort), '--network-listen', '127.0.0.1', '--no-discovery'],
    });
  }

  async function openDesk(one: Pc): Promise<Page> {
    one.page ??= await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await one.page.goto(hostOf(one).url);
    await one.page.getByRole('button', { name: /^At the desk:/ }).waitFor();
    return one.page;
  }

  /** Kills a PC's host and its sharing process at once, as pulling the plug would. */
  async function kill(one: Pc): Promise<void> {
    if (one.host) await stopHost(one.host, 'SIGKILL');
    one.host = null;
  }

  async function recordOnDesk(one: Pc, usedAfter: string): Promise<number> {
    const page = pageOf(one);
    await screen(page, 'Reception');
    await page.locator('body').focus();
    await page.keyboard.press(await keyOf(page, CLINICIAN));
    await page.getByRole('dialog', { name: `Record a contact for ${CLINICIAN}` }).waitFor();
    const pressed = Date.now();
    await page.keyboard.press('Enter');
    await expect.poll(() => usedText(page, CLINICIAN)).toBe(usedAfter);
    return pressed;
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    for (const one of [a, b]) {
      one.webPort = await freePort();
      one.netPort = await freePort();
      await start(one);
      await callHost(hostOf(one), 'device.update', { deviceName: one.name, staffName: one.staff });
    }
    // The practice is set up on Reception 1; Reception 2 is a new PC that will take everything from it.
    const hostA = hostOf(a);
    const today = ((await callHost(hostA, 'system.status', {})).body as { value: { today: string } }).value.today;
    await callHost(hostA, 'settings.update', { practiceName: 'Riverside Surgery', dayEnd: '23:59', setup: 'done' });
    // A cap of 2, so two PCs that cannot see each other take its last place quickly.
    const clinician = (await callHost(hostA, 'clinician.create', { name: CLINICIAN, role: 'gp_partner', dailyCap: 2 })).body as { value: { id: string } };
    clinicianId = clinician.value.id;
    await callHost(hostA, 'rota.setDay', { clinicianId, day: today, override: { am: true, pm: true } });
    browser = await launchChromium();
    await openDesk(a);
    await openDesk(b);
  }, 120_000);

  afterAll(async () => {
    await browser.close();
    for (const one of [a, b]) {
      if (one.host) await stopHost(one.host);
      one.data.remove();
    }
  });

  it('joins Reception 2 to the network made on Reception 1, through the Network pages', async () => {
    const pageA = pageOf(a);
    const pageB = pageOf(b);
    await openNetworkPage(pageA);
    await pageA.getByRole('button', { name: 'Create a practice network' }).click();
    const joinCode = ((await pageA.locator('.join-code').textContent()) ?? '').trim();
    expect(joinCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$/);

    // A new PC opens on the first-run setup: it joins the practice instead.
    await pageB.getByRole('button', { name: 'Join its practice network instead' }).click();
    await pageB.getByRole('textbox', { name: 'Join code' }).fill(joinCode);
    await pageB.getByRole('button', { name: 'Join the network' }).click();
    await pageB.getByRole('heading', { name: 'This PC in the practice network' }).waitFor();
    // Discovery is off here, as on a network that blocks it: each PC is told where the other is.
    await pageB.getByRole('textbox', { name: 'Addresses, one per line' }).fill(`127.0.0.1:${a.netPort}`);
    await pageB.getByRole('button', { name: 'Save addresses and port' }).click();
    await expect.poll(() => memberOnPage(pageB, 'Reception 1').textContent(), LONG).toContain('Connected now');
    await pageA.getByRole('textbox', { name: 'Addresses, one per line' }).fill(`127.0.0.1:${b.netPort}`);
    await pageA.getByRole('button', { name: 'Save addresses and port' }).click();
    await expect.poll(() => memberOnPage(pageA, 'Reception 2').textContent(), LONG).toContain('Connected now');
    expect(await memberOnPage(pageA, 'Reception 2').textContent()).toContain('Up to date');

    // Everything set up on Reception 1 is on Reception 2's board, and both headers say they are in step.
    await screen(pageB, 'Reception');
    await expect.poll(() => usedText(pageB, CLINICIAN), LONG).toBe('0 / 2');
    for (const page of [pageA, pageB]) {
      // All in step is said under the date, in the header's own row: no line below it takes height from the board.
      await expect.poll(() => page.locator('header .network-inline').textContent(), LONG).toContain('In step with 1 PC');
      expect(await page.locator('header .network-line').count()).toBe(0);
      expect(await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Menu', exact: true }).count()).toBe(0);
    }
    await screen(pageA, 'Settings');
    await pageA.screenshot({ path: `${SHOTS}/network-page-two-members-reception-1.png`, fullPage: true });
    expect(await violations(pageA)).toEqual([]);
  }, 90_000);

  it('shows a contact recorded on Reception 1 on Reception 2’s board within a second', async () => {
    const pageB = pageOf(b);
    // Watched in the page itself, from before the record, so the moment B's board changes is not missed between polls.
    const shownOnB = pageB.evaluate<boolean>(`new Promise((resolve) => {
      const shown = () => document.querySelector('tr.board-row[data-clinician="${CLINICIAN}"] [data-testid="used"]')?.textContent.trim() === '1 / 2';
      if (shown()) return resolve(true);
      const watch = new MutationObserver(() => { if (shown()) { watch.disconnect(); resolve(true); } });
      watch.observe(document.body, { subtree: true, childList: true, characterData: true });
      setTimeout(() => { watch.disconnect(); resolve(false); }, 10000);
    })`);
    const pressed = await recordOnDesk(a, '1 / 2');
    expect(await shownOnB).toBe(true);
    const elapsed = Date.now() - pressed;
    console.log(`A contact recorded on Reception 1 reached Reception 2’s board in ${elapsed} ms.`);
    expect(elapsed).toBeLessThanOrEqual(1000);
  });

  it('keeps each PC recording while the other is off: both take the last place', async () => {
    await kill(b);
    const pageA = pageOf(a);
    await expect.poll(() => pageA.locator('header .network-line').textContent(), LONG).toContain('Reception 2 not seen since');
    expect(await pageA.locator('header .network-line').getAttribute('class')).toContain('network-line-problem');
    await recordOnDesk(a, '2 / 2');
    aLastPlace = (await deskContacts(a))[0]?.id ?? '';

    await kill(a);
    await start(b);
    const pageB = await openDesk(b);
    await expect.poll(() => usedText(pageB, CLINICIAN), LONG).toBe('1 / 2');
    await expect.poll(() => pageB.locator('header .network-line').textContent(), LONG).toContain('Reception 1 not seen since');
    await pageB.screenshot({ path: `${SHOTS}/board-reception-2-alone.png` });
    await recordOnDesk(b, '2 / 2');
    bLastPlace = (await deskContacts(b))[0]?.id ?? '';
    expect(bLastPlace).not.toBe(aLastPlace);
  }, 90_000);

  it('after the PCs meet again, both boards show 3 / 2 and flag the same, later contact, naming the other PC', async () => {
    await start(a);
    const pageA = await openDesk(a);
    const pageB = pageOf(b);
    for (const page of [pageA, pageB]) {
      await expect.poll(() => usedText(page, CLINICIAN), LONG).toBe('3 / 2');
      expect(await boardRow(page, CLINICIAN).locator('.state').textContent()).toContain('Over cap');
      await expect.poll(() => boardRow(page, CLINICIAN).locator('.to-check').textContent(), LONG).toContain('1 to check');
    }
    // The same contact on both PCs: Reception 2's, recorded after Reception 1's in clock order.
    const flaggedA = (await deskContacts(a)).filter((contact) => contact.overCommit !== null);
    const flaggedB = (await deskContacts(b)).filter((contact) => contact.overCommit !== null);
    expect(flaggedA.map((contact) => contact.id)).toEqual([bLastPlace]);
    expect(flaggedB.map((contact) => contact.id)).toEqual([bLastPlace]);
    for (const page of [pageA, pageB]) {
      const box = page.locator('.to-check-box');
      await expect.poll(() => box.textContent(), LONG).toContain('1 contact to check');
      expect(await box.textContent()).toContain('recorded on Reception 2 while it could not see Reception 1');
      await expect.poll(() => page.locator('header .network-inline').textContent(), LONG).toContain('In step with 1 PC');
    }
    await pageA.screenshot({ path: `${SHOTS}/board-reception-1-over-cap.png` });
    expect(await violations(pageA)).toEqual([]);
    await pageB.screenshot({ path: `${SHOTS}/board-reception-2-over-cap.png` });
    await openNetworkPage(pageB);
    await expect.poll(() => memberOnPage(pageB, 'Reception 1').textContent(), LONG).toContain('Connected now');
    await pageB.screenshot({ path: `${SHOTS}/network-page-two-members-reception-2.png`, fullPage: true });
    await screen(pageB, 'Reception');
  }, 90_000);

  it('redirects the flagged contact’s patient from Reception 1, voiding it with the reason, and both boards go back to 2 / 2', async () => {
    const pageA = pageOf(a);
    const box = pageA.locator('.to-check-box');
    await box.getByRole('button', { name: /^Redirect the patient…/ }).click();
    const dialog = pageA.getByRole('dialog', { name: `Redirect instead of ${CLINICIAN}` });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('will be voided with the reason “Redirected: recorded while the PCs could not see each other”');
    await pageA.screenshot({ path: `${SHOTS}/redirect-instead-reception-1.png` });
    expect(await violations(pageA)).toEqual([]);
    // Nothing has happened yet: the contact still counts.
    expect(await usedText(pageA, CLINICIAN)).toBe('3 / 2');
    await dialog.getByRole('combobox', { name: 'Service' }).selectOption({ label: 'PCN enhanced-access hub' });
    await dialog.getByRole('checkbox', { name: /The patient has been told/ }).check();
    await dialog.getByRole('button', { name: 'Record redirection' }).click();
    await pageA.getByRole('dialog', { name: /^Redirected to / }).waitFor();
    await pageA.keyboard.press('Escape');
    for (const one of [a, b]) {
      await expect.poll(() => usedText(pageOf(one), CLINICIAN), LONG).toBe('2 / 2');
      await expect.poll(() => pageOf(one).locator('.to-check-box').count(), LONG).toBe(0);
      const voided = (await deskContacts(one)).find((contact) => contact.id === bLastPlace);
      expect(voided?.voided?.reason).toBe('Redirected: recorded while the PCs could not see each other');
    }
  }, 60_000);

  it('removes Reception 1 from Reception 2’s network after asking: its past records stay, and nothing new from it is taken', async () => {
    const pageB = pageOf(b);
    await openNetworkPage(pageB);
    await memberOnPage(pageB, 'Reception 1').getByRole('button', { name: 'Remove this PC… (Reception 1)' }).click();
    const dialog = pageB.getByRole('dialog', { name: 'Remove Reception 1 from the network?' });
    await dialog.waitFor();
    const words = (await dialog.textContent()) ?? '';
    expect(words).toContain('Its past records stay on every PC');
    expect(words).toContain('Nothing new recorded on Reception 1 will be accepted');
    await pageB.screenshot({ path: `${SHOTS}/remove-pc-reception-2.png` });
    await dialog.getByRole('button', { name: 'Remove Reception 1' }).click();
    await expect.poll(() => memberOnPage(pageB, 'Reception 1').textContent(), LONG).toContain('Removed from the network: its past records stay');
    await expect.poll(() => pageB.evaluate<string>(`document.activeElement?.id ?? ''`)).toBe('network-members');

    await screen(pageB, 'Reception');
    expect(await usedText(pageB, CLINICIAN)).toBe('2 / 2');
    // An urgent contact on Reception 1, which is full there too.
    await callHost(hostOf(a), 'contact.record', { clinicianId, overCapReason: 'Chest pain' });
    await expect.poll(() => usedText(pageOf(a), CLINICIAN), LONG).toBe('3 / 2');
    // Given time to arrive, it does not: Reception 2 takes nothing new from a removed PC.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await usedText(pageB, CLINICIAN)).toBe('2 / 2');
  }, 60_000);
});
