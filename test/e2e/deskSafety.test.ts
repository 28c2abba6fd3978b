import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { callHost, stopHost } from '../helpers/host.ts';
import { boardRow, keyOf, screen, usedText } from './deskPage.ts';
import { useHostInChromium } from './session.ts';

/**
 * The reception desk's keystroke hazards (DOMAIN.md §7), driven by real key
 * presses in Chromium through the browser host: keys that move, Enter on an
 * alternative the receptionist never chose, the find box taking the next key,
 * keys lost while a record is saving, and a retry after a lost answer.
 */

interface Made {
  id: string;
  name: string;
}

async function call<T>(session: { host: { origin: string; token: string } }, method: string, input: unknown): Promise<T> {
  const answer = (await callHost(session.host, method, input)).body as { ok: boolean; value: T; error?: { message: string } };
  if (!answer.ok) throw new Error(`${method} failed: ${answer.error?.message ?? ''}`);
  return answer.value;
}

/** Today's contacts as the core holds them: clinician id of each, oldest first. */
async function recordedFor(session: { host: { origin: string; token: string } }): Promise<string[]> {
  const contacts = await call<{ clinicianId: string; recordedAt: string; voided: unknown }[]>(session, 'contact.listForDay', {});
  return contacts
    .filter((contact) => contact.voided === null)
    .sort((a, b) => Date.parse(a.recordedAt) - Date.parse(b.recordedAt))
    .map((contact) => contact.clinicianId);
}

async function openDesk(session: { host: { url: string }; browser: { newPage: (options: object) => Promise<Page> } }): Promise<Page> {
  const page = await session.browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(session.host.url);
  await page.locator('tr.board-row').first().waitFor();
  await page.locator('.board-area').focus();
  return page;
}

const recordDialog = (page: Page, name: string) => page.getByRole('dialog', { name: `Record a contact for ${name}` });

describe('desk keys that never move, in Chromium', () => {
  const session = useHostInChromium({ folderPrefix: 'contactcap-keys-', token: 'e2e-keys-token-0123456789abcdef-0123' });
  const team: Made[] = [];
  let today = '';

  beforeAll(async () => {
    today = (await call<{ today: string }>(session, 'system.status', {})).today;
    await call(session, 'device.update', { staffName: 'JB', deviceName: 'Reception 1' });
    // Added in this order, so they hold keys 1 to 6; the board shows them by surname: Adams, Brown, Clarke, Fielding, Hughes, Raman.
    for (const name of ['Dr Will Raman', 'Dr Vic Fielding', 'Dr Uma Hughes', 'Dr Zoe Adams', 'Dr Yusuf Brown', 'Dr Xena Clarke']) {
      const made = await call<{ id: string }>(session, 'clinician.create', { name, role: 'salaried_gp' });
      await call(session, 'rota.setDay', { clinicianId: made.id, day: today, override: { am: true, pm: true } });
      team.push({ id: made.id, name });
    }
  });

  it('keeps every key with its clinician when one is marked absent and another added mid-morning, and each key records for its own clinician', async () => {
    const page = await openDesk(session);
    const keysBefore: Record<string, string> = {};
    for (const { name } of team) keysBefore[name] = await keyOf(page, name);
    expect(keysBefore).toEqual({
      'Dr Will Raman': '1',
      'Dr Vic Fielding': '2',
      'Dr Uma Hughes': '3',
      'Dr Zoe Adams': '4',
      'Dr Yusuf Brown': '5',
      'Dr Xena Clarke': '6',
    });

    // Mid-morning: Dr Hughes goes home ill, and a locum starts.
    const hughes = team.find((member) => member.name === 'Dr Uma Hughes');
    await call(session, 'rota.setDay', { clinicianId: hughes?.id, day: today, override: { absent: true } });
    const locum = await call<{ id: string; key: string }>(session, 'clinician.create', { name: 'Dr Ann Baker', role: 'locum_gp' });
    await call(session, 'rota.setDay', { clinicianId: locum.id, day: today, override: { am: true, pm: true } });
    await expect.poll(() => boardRow(page, 'Dr Ann Baker').count()).toBe(1);
    await expect.poll(() => boardRow(page, 'Dr Uma Hughes').getAttribute('data-status')).toBe('absent');

    // Nobody's key moved; the locum took the next free one; the absent clinician keeps her row and key.
    for (const { name } of team) expect(await keyOf(page, name), name).toBe(keysBefore[name]);
    expect(await keyOf(page, 'Dr Ann Baker')).toBe('7');
    expect(await boardRow(page, 'Dr Uma Hughes').textContent()).toContain('Absent today');
    // The board's order is by surname, whoever is working.
    expect(await page.locator('tr.board-row .who-name').allTextContents()).toEqual([
      'Dr Zoe Adams',
      'Dr Ann Baker',
      'Dr Yusuf Brown',
      'Dr Xena Clarke',
      'Dr Vic Fielding',
      'Dr Uma Hughes',
      'Dr Will Raman',
    ]);

    // Every key, pressed in turn: each working clinician's opens their own record step; the absent one's opens the at-capacity step.
    const expectations: [string, string][] = [
      ['1', 'Dr Will Raman'],
      ['2', 'Dr Vic Fielding'],
      ['3', 'Dr Uma Hughes'],
      ['4', 'Dr Zoe Adams'],
      ['5', 'Dr Yusuf Brown'],
      ['6', 'Dr Xena Clarke'],
      ['7', 'Dr Ann Baker'],
    ];
    for (const [key, name] of expectations) {
      await page.keyboard.press(key);
      if (name === 'Dr Uma Hughes') {
        const routing = page.getByRole('dialog', { name: 'Dr Uma Hughes is absent today' });
        await expect.poll(() => routing.isVisible()).toBe(true);
        expect(await routing.textContent()).toContain('Urgent contact with Dr Uma Hughes, absent today');
        await page.keyboard.press('Escape');
        await expect.poll(() => routing.isVisible()).toBe(false);
        continue;
      }
      await expect.poll(() => recordDialog(page, name).isVisible(), { message: `key ${key}` }).toBe(true);
      await page.keyboard.press('Enter');
      await expect.poll(() => usedText(page, name), { message: `key ${key}` }).toBe('1 / 25');
    }
    const idOf = (name: string) => (name === 'Dr Ann Baker' ? locum.id : (team.find((member) => member.name === name)?.id ?? ''));
    expect(await recordedFor(session)).toEqual(['Dr Will Raman', 'Dr Vic Fielding', 'Dr Zoe Adams', 'Dr Yusuf Brown', 'Dr Xena Clarke', 'Dr Ann Baker'].map(idOf));
    await page.close();
  });
  it('changes a key on the Clinicians screen, refusing one that is taken with a message naming its holder and changing nothing', async () => {
    const page = await openDesk(session);
    await screen(page, 'Clinicians');
    await page.getByRole('button', { name: 'Edit Dr Zoe Adams' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Dr Zoe Adams' });
    const keyBox = dialog.getByRole('textbox', { name: 'Desk key' });
    expect(await keyBox.inputValue()).toBe('4');
    await keyBox.fill('1');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('Key 1 is already Dr Will Raman’s');
    await keyBox.fill('s');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('S, L and U cannot be a clinician’s key');
    await keyBox.fill('shift+z');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await screen(page, 'Reception');
    expect(await keyOf(page, 'Dr Zoe Adams')).toBe('⇧Z');
    expect(await keyOf(page, 'Dr Will Raman')).toBe('1');
    // Shift and Z, as the board shows it, now opens her record step.
    await page.locator('.board-area').focus();
    await page.keyboard.press('Shift+Z');
    await expect.poll(() => recordDialog(page, 'Dr Zoe Adams').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await page.close();
  });
});

describe('nothing records for someone the receptionist did not choose, in Chromium', () => {
  const session = useHostInChromium({ folderPrefix: 'contactcap-choose-', token: 'e2e-choose-token-0123456789abcdef-01' });
  let full: Made;
  let roomy: Made;
  let away: Made;

  beforeAll(async () => {
    const { today } = await call<{ today: string }>(session, 'system.status', {});
    await call(session, 'device.update', { staffName: 'JB', deviceName: 'Reception 1' });
    const make = async (name: string, extra: object, override: object) => {
      const made = await call<{ id: string }>(session, 'clinician.create', { name, role: 'salaried_gp', ...extra });
      await call(session, 'rota.setDay', { clinicianId: made.id, day: today, override });
      return { id: made.id, name };
    };
    full = await make('Dr Fay Full', { dailyCap: 2 }, { am: true, pm: true });
    roomy = await make('Dr Rita Room', {}, { am: true, pm: true });
    away = await make('Dr Abe Away', {}, { absent: true });
    for (let i = 0; i < 2; i++) await call(session, 'contact.record', { clinicianId: full.id });
  });

  it('leaves the at-capacity step open and records nothing on the "key, Enter" habit, and records with an alternative only by their own key', async () => {
    const page = await openDesk(session);
    const before = await recordedFor(session);
    await page.keyboard.press(await keyOf(page, full.name));
    const routing = page.getByRole('dialog', { name: 'Dr Fay Full is full' });
    await expect.poll(() => routing.isVisible()).toBe(true);
    // Nothing that records has the focus.
    expect(await page.evaluate('document.activeElement?.tagName')).toBe('DIALOG');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect.poll(() => routing.locator('.routing-notice').textContent()).toContain('Nothing has been recorded yet');
    expect(await routing.isVisible()).toBe(true);
    expect(await recordedFor(session)).toEqual(before);

    // The alternative is labelled with her own board key, and only that key chooses her; Enter then records for her.
    const roomyKey = await keyOf(page, roomy.name);
    expect(await routing.getByRole('button', { name: new RegExp(`^${roomyKey} Dr Rita Room`) }).count()).toBe(1);
    expect(await routing.getByRole('button', { name: /^1 / }).count()).toBe(roomyKey === '1' ? 1 : 0);
    await page.keyboard.press(roomyKey);
    await expect.poll(() => recordDialog(page, roomy.name).isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => usedText(page, roomy.name)).toBe('1 / 25');
    expect(await recordedFor(session)).toEqual([...before, roomy.id]);
    expect(await usedText(page, full.name)).toBe('2 / 2');
    await page.close();
  });

  it('opens a full or absent clinician’s step from the find box and keeps it open, then gives the next key to the board, not the find box', async () => {
    const page = await openDesk(session);
    const before = await recordedFor(session);
    await page.keyboard.press('/');
    await page.keyboard.type('Fay');
    await page.keyboard.press('Enter');
    const routing = page.getByRole('dialog', { name: 'Dr Fay Full is full' });
    await expect.poll(() => routing.isVisible()).toBe(true);
    // A moment later it is still open and nothing was recorded (Enter's default action did not press a button in it).
    await page.waitForTimeout(400);
    expect(await routing.isVisible()).toBe(true);
    expect(await recordedFor(session)).toEqual(before);
    await page.keyboard.press('Escape');
    await expect.poll(() => routing.isVisible()).toBe(false);
    expect(await page.evaluate("document.activeElement?.classList.contains('board-area') ?? false")).toBe(true);
    expect(await page.getByRole('searchbox', { name: 'Find a clinician' }).inputValue()).toBe('');

    // The next clinician key goes to the board: the record step opens, nothing is typed into the find box, no row is hidden.
    const roomyKey = await keyOf(page, roomy.name);
    await page.keyboard.press(roomyKey);
    await expect.poll(() => recordDialog(page, roomy.name).isVisible()).toBe(true);
    expect(await page.getByRole('searchbox', { name: 'Find a clinician' }).inputValue()).toBe('');
    expect(await page.locator('tr.board-row').count()).toBe(3);
    await page.keyboard.press('Escape');

    // An absent clinician found by name: their at-capacity step, which stays open.
    await page.keyboard.press('/');
    await page.keyboard.type('Abe');
    await page.keyboard.press('Enter');
    const absent = page.getByRole('dialog', { name: 'Dr Abe Away is absent today' });
    await expect.poll(() => absent.isVisible()).toBe(true);
    await page.waitForTimeout(400);
    expect(await absent.isVisible()).toBe(true);
    expect(await recordedFor(session)).toEqual(before);
    await page.keyboard.press('Escape');
    await page.close();
    expect(away.name).toBe('Dr Abe Away');
  });
});

describe('no keystroke lost, and a retry never counts twice, in Chromium', () => {
  const session = useHostInChromium({ folderPrefix: 'contactcap-queue-', token: 'e2e-queue-token-0123456789abcdef-012' });
  let nurse: Made;

  beforeAll(async () => {
    const { today } = await call<{ today: string }>(session, 'system.status', {});
    await call(session, 'device.update', { staffName: 'JB', deviceName: 'Reception 1' });
    const made = await call<{ id: string }>(session, 'clinician.create', { name: 'Nurse Nia Quick', role: 'practice_nurse' });
    await call(session, 'rota.setDay', { clinicianId: made.id, day: today, override: { am: true, pm: true } });
    nurse = { id: made.id, name: 'Nurse Nia Quick' };
  });

  it('records exactly 10 contacts for 10 rounds of "key, Enter" typed with no gap, in order', async () => {
    const page = await openDesk(session);
    const key = await keyOf(page, nurse.name);
    const before = (await recordedFor(session)).length;
    // Ten rounds, each key dispatched straight after the last, with no wait for the screen.
    await page.evaluate(`(() => {
      const press = (key, code) => {
        for (const type of ['keydown', 'keyup']) document.activeElement.dispatchEvent(new KeyboardEvent(type, { key, code, bubbles: true, cancelable: true }));
      };
      for (let round = 0; round < 10; round++) {
        press('${key}', 'Digit${key}');
        press('Enter', 'Enter');
      }
    })()`);
    await expect.poll(async () => (await recordedFor(session)).length - before, { timeout: 15_000 }).toBe(10);
    await expect.poll(() => usedText(page, nurse.name)).toBe(String(before + 10));
    // Nothing more arrives later.
    await page.waitForTimeout(500);
    expect((await recordedFor(session)).length - before).toBe(10);

    // And typed on the keyboard as fast as it goes, ten more.
    for (let round = 0; round < 10; round++) {
      await page.keyboard.press(key);
      await page.keyboard.press('Enter');
    }
    await expect.poll(async () => (await recordedFor(session)).length - before, { timeout: 15_000 }).toBe(20);
    await page.waitForTimeout(500);
    expect((await recordedFor(session)).length - before).toBe(20);
    await page.close();
  });

  it('counts a contact once when the host dies between saving it and answering, and the desk tries again', async () => {
    const page = await openDesk(session);
    const before = (await recordedFor(session)).length;
    let held = 0;
    await page.route('**/api/contact.record', async (route) => {
      if (held > 0) return route.continue();
      held += 1;
      // The host saves it and answers; the answer never reaches the page because the host is killed first.
      await route.fetch();
      await stopHost(session.host, 'SIGKILL');
      await route.abort('connectionreset');
      await session.restart();
    });
    await page.keyboard.press(await keyOf(page, nurse.name));
    await expect.poll(() => recordDialog(page, nurse.name).isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.desk-status').textContent(), { timeout: 20_000 }).toMatch(new RegExp(`contact recorded for ${nurse.name}`));
    expect(held).toBe(1);
    expect((await recordedFor(session)).length - before).toBe(1);
    await page.unroute('**/api/contact.record');
    await page.close();
  });

  it('says a record could not be confirmed when ContactCap does not answer at all, keeps it, and saves it once on Try again', async () => {
    const page = await openDesk(session);
    const before = (await recordedFor(session)).length;
    let refused = 0;
    await page.route('**/api/contact.record', async (route) => {
      refused += 1;
      await route.abort('connectionrefused');
    });
    await page.keyboard.press(await keyOf(page, nurse.name));
    await expect.poll(() => recordDialog(page, nurse.name).isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.desk-status').textContent()).toMatch(/Saving: .* contact for Nurse Nia Quick/);
    const alert = page.getByRole('alert').filter({ hasText: 'Could not confirm it was saved' });
    await expect.poll(() => alert.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await alert.textContent()).toMatch(/contact for Nurse Nia Quick/);
    expect(refused).toBe(7);
    expect((await recordedFor(session)).length - before).toBe(0);

    await page.unroute('**/api/contact.record');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => page.locator('.desk-status').textContent()).toMatch(/contact recorded for Nurse Nia Quick/);
    expect((await recordedFor(session)).length - before).toBe(1);
    await page.close();
  }, 60_000);
});
