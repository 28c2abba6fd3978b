import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callHost } from '../helpers/host.ts';
import { seedBigPractice, type BigPractice } from './bigPractice.ts';
import { boardRow, keyOf, SCREEN_NAMES, screen } from './deskPage.ts';
import { onScreen, onScreenAll, overlaps, reachedAt, sidewaysScroll, SIZES, whollyOnScreen } from './layoutProbe.ts';
import { useHostInChromium } from './session.ts';
import { formatHeaderDate } from '../../renderer/src/format.ts';

/**
 * The layouts a reception PC shows: 1366 × 768, 1280 × 720 and 200% zoom
 * (a 683 × 384 CSS-pixel window drawn at device scale 2), with a practice of
 * 40 clinicians. The expected values are the rules themselves, written here.
 */

const WORDS_FOR_STATES = ['Available', 'Nearly full', 'Full', 'Over cap', 'No cap', 'Finished', 'Absent', 'Not working', 'Finished for today', 'Absent today', 'Not working today'];

async function openDesk(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('tr.board-row').first().waitFor();
  // The desk's name in the header comes a moment later, and takes its room from the screens.
  await page.getByRole('button', { name: /^At the desk:/ }).waitFor();
  return page;
}

async function heading(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 2 }).first().waitFor();
}

/** The dialog now open, its title and every button in its row of actions, wholly on screen and not covered. */
async function expectDialogButtonsOnScreen(page: Page, what: string): Promise<void> {
  const title = await onScreen(page, 'dialog[open] .dialog-title');
  expect(whollyOnScreen(title), `${what}: the title is cut off`).toBe(true);
  const buttons = await onScreenAll(page, 'dialog[open] .actions button');
  expect(buttons.length, `${what}: no buttons found`).toBeGreaterThan(0);
  for (const [index, button] of buttons.entries()) {
    expect(whollyOnScreen(button), `${what}: button ${String(index + 1)} is off screen or cut off`).toBe(true);
    if (!button) continue;
    expect(await reachedAt(page, button.visible, 'button'), `${what}: "${button.text}" is covered`).toBe(button.text);
  }
}

async function dialogScrolls(page: Page): Promise<boolean> {
  return page.evaluate<boolean>(`(() => { const d = document.querySelector('dialog[open]'); return d.scrollHeight > d.clientHeight + 1; })()`);
}

async function scrollDialog(page: Page, to: 'top' | 'bottom'): Promise<void> {
  await page.evaluate(`(() => { const d = document.querySelector('dialog[open]'); d.scrollTop = ${to === 'top' ? '0' : 'd.scrollHeight'}; })()`);
}

async function closeDialog(page: Page, dialog: Locator): Promise<void> {
  await page.keyboard.press('Escape');
  await expect.poll(() => dialog.isVisible()).toBe(false);
}

describe('layouts at 1366×768, 1280×720 and 200% zoom, with 40 clinicians', () => {
  const session = useHostInChromium({ folderPrefix: 'contactcap-layout-', token: 'layout-token-0123456789abcdef-01234' });
  let big: BigPractice;

  beforeAll(async () => {
    big = await seedBigPractice(session.host);
    // Identifiers collected: the redirect and defer dialogs then have their note boxes and the NHS number box, at their tallest.
    await callHost(session.host, 'settings.update', { collectNhsNumber: true });
  }, 120_000);

  /** Every desk dialog, opened the way a receptionist opens it. */
  const DIALOGS: [string, (page: Page) => Promise<Locator>][] = [
    [
      'record',
      async (page) => {
        await page.locator('body').focus();
        await page.keyboard.press(await keyOf(page, big.withRoom));
        return page.getByRole('dialog', { name: `Record a contact for ${big.withRoom}` });
      },
    ],
    [
      'routing',
      async (page) => {
        await page.locator('body').focus();
        await page.keyboard.press(await keyOf(page, big.full));
        return page.getByRole('dialog', { name: `${big.full} is full` });
      },
    ],
    [
      'urgent',
      async (page) => {
        await page.locator('body').focus();
        await page.keyboard.press(await keyOf(page, big.full));
        await page.getByRole('dialog', { name: `${big.full} is full` }).waitFor();
        await page.keyboard.press('U');
        return page.getByRole('dialog', { name: `Urgent contact with ${big.full}` });
      },
    ],
    [
      'redirect',
      async (page) => {
        await page.locator('body').focus();
        await page.keyboard.press('F2');
        const dialog = page.getByRole('dialog', { name: 'Redirect a patient to another service' });
        // Pharmacy First adds its own questions: the tallest form at the desk.
        await dialog.getByRole('combobox', { name: 'Service' }).selectOption({ label: 'Community pharmacy – Pharmacy First' });
        return dialog;
      },
    ],
    [
      'defer',
      async (page) => {
        await page.locator('body').focus();
        await page.keyboard.press('F4');
        return page.getByRole('dialog', { name: 'Later, within the practice' });
      },
    ],
    [
      'void',
      async (page) => {
        await page.locator('.activity-list button').first().click();
        return page.getByRole('dialog', { name: /^Void this/ });
      },
    ],
    [
      'staff',
      async (page) => {
        await page.getByRole('button', { name: /^At the desk:/ }).click();
        return page.getByRole('dialog', { name: 'Who is at this desk?' });
      },
    ],
  ];

  for (const size of SIZES) {
    describe(`at ${size.label}`, () => {
      let context: BrowserContext;
      let page: Page;

      beforeAll(async () => {
        context = await session.browser.newContext({ viewport: size.viewport, deviceScaleFactor: size.deviceScaleFactor });
        page = await openDesk(context, session.host.url);
      });

      afterAll(async () => {
        await context.close();
      });

      it('nothing scrolls sideways, on any screen', async () => {
        const wide: string[] = [];
        const check = async (what: string) => {
          const { scrollWidth, innerWidth } = await sidewaysScroll(page);
          if (scrollWidth > innerWidth) wide.push(`${what}: ${String(scrollWidth)} px wide in a ${String(innerWidth)} px window`);
        };
        for (const compact of [true, false]) {
          await page.getByRole('checkbox', { name: 'Compact rows' }).setChecked(compact);
          await check(`Reception, ${compact ? 'compact' : 'full-size'} rows`);
        }
        for (const name of SCREEN_NAMES.slice(1)) {
          await screen(page, name);
          await heading(page);
          await check(name);
          if (name === 'Reports') {
            for (const tab of ['Range: week or month', 'GPAS return', 'Export', 'Day']) {
              await page.getByRole('tab', { name: tab }).click();
              await heading(page);
              await check(`Reports, ${tab}`);
            }
          }
          if (name === 'My day' && (await page.getByRole('button', { name: 'This is me' }).isVisible())) {
            await page.getByRole('combobox', { name: 'Clinician' }).selectOption({ label: big.withRoom });
            await page.getByRole('button', { name: 'This is me' }).click();
            await page.getByRole('region', { name: new RegExp(`^${big.withRoom}`) }).waitFor();
            await check('My day, chosen');
          }
        }
        await screen(page, 'Reception');
        expect(wide).toEqual([]);
      }, 60_000);

      it(size.viewport.width >= 1366 ? 'shows every screen in the header on one line' : 'folds the screens into a Menu button that works by keyboard', async () => {
        const nav = page.getByRole('navigation', { name: 'Screens' });
        const menu = nav.getByRole('button', { name: 'Menu', exact: true });
        if (size.viewport.width >= 1366) {
          // 1366 px has room for all eight names beside the date and the desk, on the longest date of the year too.
          expect(await menu.count()).toBe(0);
          // The header's own wording of the longest date (a Wednesday in September), put where today's date is.
          await page.evaluate(`document.querySelector('.today-date').firstChild.textContent = ${JSON.stringify(formatHeaderDate('2026-09-30') + ' ')}`);
          await page.waitForTimeout(100);
          expect(await menu.count()).toBe(0);
          const names = await onScreenAll(page, 'nav[aria-label="Screens"] button');
          expect(names.map((name) => name?.text)).toEqual([...SCREEN_NAMES]);
          expect(names.every(whollyOnScreen)).toBe(true);
          expect(new Set(names.map((name) => Math.round(name?.full.top ?? -1))).size).toBe(1);
          return;
        }
        // 1280 px and 200% zoom have not: one Menu button, the list closed.
        await expect.poll(() => menu.isVisible()).toBe(true);
        expect(await menu.getAttribute('aria-expanded')).toBe('false');
        expect(await nav.getByRole('button', { name: 'Rota', exact: true }).count()).toBe(0);
        const header = await page.locator('.app-header').boundingBox();
        expect(header?.height ?? 999).toBeLessThanOrEqual(56);

        const focused = () => page.evaluate<string>(`document.activeElement?.textContent ?? ''`);
        await menu.focus();
        await page.keyboard.press('Enter');
        expect(await menu.getAttribute('aria-expanded')).toBe('true');
        const items = await onScreenAll(page, 'nav[aria-label="Screens"] ul button');
        expect(items.map((item) => item?.text)).toEqual([...SCREEN_NAMES]);
        expect(items.every(whollyOnScreen)).toBe(true);
        expect(await nav.getByRole('button', { name: 'Reception', exact: true }).getAttribute('aria-current')).toBe('page');
        await page.keyboard.press('ArrowDown');
        expect(await focused()).toBe('Reception');
        await page.keyboard.press('End');
        expect(await focused()).toBe('Settings');
        // Esc closes it and gives the focus back to the button.
        await page.keyboard.press('Escape');
        expect(await menu.getAttribute('aria-expanded')).toBe('false');
        expect(await focused()).toBe('Menu');
        // Space opens it; Tab walks down it; Enter goes to the screen and closes it.
        await page.keyboard.press(' ');
        expect(await menu.getAttribute('aria-expanded')).toBe('true');
        for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
        expect(await focused()).toBe('Rota');
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { name: 'Day by day' }).waitFor();
        expect(await menu.getAttribute('aria-expanded')).toBe('false');
        expect(await focused()).toBe('Menu');
        // Tabbing out past the last screen closes it too.
        await page.keyboard.press('ArrowUp');
        expect(await focused()).toBe('Settings');
        await page.keyboard.press('Tab');
        expect(await menu.getAttribute('aria-expanded')).toBe('false');
        // And back to the desk without the mouse.
        await menu.focus();
        await page.keyboard.press('ArrowDown');
        expect(await focused()).toBe('Reception');
        await page.keyboard.press('Enter');
        await page.locator('tr.board-row').first().waitFor();
      });

      it(size.viewport.width < 900 ? 'puts the desk in one column: the board, then today’s entries' : 'puts the desk in two columns: the board, and today’s entries beside it', async () => {
        const board = await page.locator('.reception > .board').boundingBox();
        const activity = await page.locator('.reception > .activity').boundingBox();
        if (!board || !activity) throw new Error('the desk is not showing');
        if (size.viewport.width < 900) {
          expect(activity.y).toBeGreaterThanOrEqual(board.y + board.height - 1);
          expect(Math.abs(activity.x - board.x)).toBeLessThan(1);
          expect(Math.abs(activity.width - board.width)).toBeLessThan(1);
        } else {
          expect(activity.x).toBeGreaterThanOrEqual(board.x + board.width);
          expect(Math.abs(activity.y - board.y)).toBeLessThan(1);
        }
      });

      if (size.viewport.width <= 1280) {
        it('keeps every desk dialog’s title and buttons on screen, its body scrolling between them', async () => {
          const taller: string[] = [];
          for (const [what, open] of DIALOGS) {
            const dialog = await open(page);
            await dialog.waitFor();
            await expectDialogButtonsOnScreen(page, `${what}, as it opens`);
            if (await dialogScrolls(page)) {
              taller.push(what);
              await scrollDialog(page, 'bottom');
              await expectDialogButtonsOnScreen(page, `${what}, scrolled to the end`);
              await scrollDialog(page, 'top');
              await expectDialogButtonsOnScreen(page, `${what}, scrolled back to the top`);
            }
            await closeDialog(page, dialog);
          }
          // At 200% these are taller than the window, so their scrolling was checked as well.
          if (size.viewport.width < 900) expect(taller).toEqual(expect.arrayContaining(['record', 'routing', 'redirect', 'defer']));
        }, 60_000);
      }

      it('never covers a Record or Void button with the line that says what was recorded', async () => {
        // On a wide screen, from a row far down the board; at 200% the line is above the first row.
        const name = size.viewport.width < 900 ? await firstWorkingRow(page) : big.lowerDown;
        const record = boardRow(page, name).getByRole('button', { name: new RegExp(`^Record a contact for ${name}`) });
        await record.click();
        await page.getByRole('dialog', { name: `Record a contact for ${name}` }).waitFor();
        await page.keyboard.press('Enter');
        const undo = page.getByRole('button', { name: /^Undo/ });
        await undo.waitFor();
        const strip = await onScreen(page, '.desk-status');
        expect(whollyOnScreen(strip), 'the line is not in view after recording').toBe(true);
        if (!strip) return;
        // Every button on the desk: the board's Record buttons, today's Void buttons and the rest of the two panels.
        const buttons = (await onScreenAll(page, '.reception button:not(.desk-status button)')).filter((button) => button !== null);
        expect(buttons.filter((button) => button.text === 'Record').length).toBeGreaterThan(0);
        if (size.viewport.width >= 900) expect(buttons.filter((button) => button.text === 'Void').length).toBeGreaterThan(0);
        const covered = buttons.filter((button) => overlaps(button.visible, strip.visible)).map((button) => button.text);
        expect(covered).toEqual([]);
        expect(await undo.isVisible()).toBe(true);
      });
    });
  }

  it('fits 40 clinicians in compact rows at 1366×768 with no scrolling, each row with its key, name, figures and state in words', async () => {
    const context = await session.browser.newContext({ viewport: { width: 1366, height: 768 } });
    try {
      const page = await openDesk(context, session.host.url);
      // More than 20 clinicians: compact rows until this PC chooses otherwise.
      expect(await page.getByRole('checkbox', { name: 'Compact rows' }).isChecked()).toBe(true);
      expect(await page.locator('.board-columns table').count()).toBe(2);
      const rows = await onScreenAll(page, 'tr.board-row');
      expect(rows.length).toBe(40);
      expect(rows.filter(whollyOnScreen).length).toBe(40);
      const scroll = await page.evaluate<{ page: number; window: number; board: number; boardShown: number }>(
        `(() => { const area = document.querySelector('.board-area'); return { page: document.documentElement.scrollHeight, window: innerHeight, board: area.scrollHeight, boardShown: area.clientHeight }; })()`,
      );
      expect(scroll.page).toBeLessThanOrEqual(scroll.window);
      expect(scroll.board).toBeLessThanOrEqual(scroll.boardShown + 1);
      const cells = await page.evaluate<{ key: string; name: string; used: string; left: string; state: string; cut: boolean }[]>(
        `[...document.querySelectorAll('tr.board-row')].map((row) => {
          const shown = (selector) => { const cell = row.querySelector(selector); return cell && cell.getClientRects().length > 0 ? cell.textContent.trim() : ''; };
          const cut = [...row.children].some((cell) => cell.scrollWidth > cell.clientWidth + 1);
          return { key: shown('.key-col'), name: shown('.who-name'), used: shown('[data-testid="used"]'), left: shown('[data-testid="left"]'), state: shown('.state, .away'), cut };
        })`,
      );
      for (const cell of cells) {
        expect(cell.key, cell.name).toMatch(/^(⇧?[0-9A-Z]|No key)$/);
        expect(big.names).toContain(cell.name);
        expect(cell.used, cell.name).toMatch(/^\d+( \/ \d+)?$/);
        expect(cell.left, cell.name).toMatch(/^(\d+|—)$/);
        expect(WORDS_FOR_STATES, cell.name).toContain(cell.state);
        expect(cell.cut, `${cell.name}: something in the row is cut off`).toBe(false);
      }
      // Full-size rows, for comparison: about ten of the forty on screen.
      await page.getByRole('checkbox', { name: 'Compact rows' }).setChecked(false);
      const fullSize = (await onScreenAll(page, 'tr.board-row')).filter(whollyOnScreen).length;
      expect(fullSize).toBeGreaterThanOrEqual(6);
      expect(fullSize).toBeLessThanOrEqual(12);
    } finally {
      await context.close();
    }
  });

  it('keeps the board’s column names in view while compact rows scroll at 1280×720', async () => {
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 720 } });
    try {
      const page = await openDesk(context, session.host.url);
      expect(await page.getByRole('checkbox', { name: 'Compact rows' }).isChecked()).toBe(true);
      expect((await onScreenAll(page, 'tr.board-row')).filter(whollyOnScreen).length).toBeGreaterThanOrEqual(18);
      await page.evaluate(`document.querySelector('.board-area').scrollTop = 100000`);
      const header = await onScreen(page, '.board-table thead th.col-who');
      const area = await onScreen(page, '.board-area');
      expect(whollyOnScreen(header)).toBe(true);
      expect(Math.abs((header?.full.top ?? 0) - (area?.full.top ?? 999))).toBeLessThan(2);
      // The last row is reachable, under the header.
      expect(whollyOnScreen((await onScreenAll(page, 'tr.board-row')).at(-1) ?? null)).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('goes to one column under 900 px and two from 900 px', async () => {
    const context = await session.browser.newContext({ viewport: { width: 899, height: 700 } });
    try {
      const page = await openDesk(context, session.host.url);
      const columns = async () => {
        const board = await page.locator('.reception > .board').boundingBox();
        const activity = await page.locator('.reception > .activity').boundingBox();
        return board && activity && activity.y >= board.y + board.height - 1 ? 1 : 2;
      };
      expect(await columns()).toBe(1);
      await page.setViewportSize({ width: 900, height: 700 });
      await expect.poll(columns).toBe(2);
    } finally {
      await context.close();
    }
  });
});

/** The first row on the board for someone working with room. */
async function firstWorkingRow(page: Page): Promise<string> {
  const name = await page.locator('tr.board-row[data-status="working"].row-available').first().getAttribute('data-clinician');
  if (!name) throw new Error('nobody on the board has room');
  return name;
}

