import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addPracticeDays, practiceDayOf } from '../../shared/practiceDay.ts';
import { BUSY_DAY, LONG_SERVICE, seedBusyDay } from './busyDay.ts';
import { screen } from './deskPage.ts';
import { useHostInChromium } from './session.ts';

/**
 * The practice manager's day summary of a busy day (busyDay.ts): on a
 * 1366 × 768 screen, on A4 paper, and exported from the Day report and from
 * the Export screen's one-day shortcuts.
 */

/** Worked out by hand from the seed: 3 × 25 + 3 × 22 + 117 for the other ten + 2 urgent over the cap; 4 groups of 4 + 5 + 6 + 7 not counted. */
const COUNTED = 260;
const NOT_COUNTED = 88;

/** A4 less the 12 mm margins each side, in CSS pixels (96 to the inch), rounded down. */
const A4_PORTRAIT_WIDTH = Math.floor(((210 - 24) / 25.4) * 96);
const A4_LANDSCAPE_WIDTH = Math.floor(((297 - 24) / 25.4) * 96);

async function openBusyDay(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await screen(page, 'Reports');
  await page.getByRole('button', { name: /Previous day/ }).click();
  await page.getByRole('heading', { name: /^Daily summary:/ }).waitFor();
  await page.getByRole('table', { name: /^Each clinician on/ }).waitFor();
}

/**
 * Runs in the page: every column heading of every table in the report that
 * ends right of the window or of a scrolling box around it, and every table
 * that scrolls inside itself. Tables not laid out (the charts' hidden data) are skipped.
 */
const CUT_OFF = `(() => {
  const cut = [];
  for (const table of document.querySelectorAll('.report-sheet table')) {
    if (table.getClientRects().length === 0) continue;
    const name = (table.caption ? table.caption.textContent : 'a table').slice(0, 40);
    if (table.scrollWidth > table.clientWidth + 1) cut.push(name + ': scrolls sideways (' + table.scrollWidth + ' px in ' + table.clientWidth + ')');
    for (const cell of table.querySelectorAll('th, td')) {
      let right = document.documentElement.clientWidth;
      for (let box = cell.parentElement; box; box = box.parentElement) {
        if (getComputedStyle(box).overflowX !== 'visible') right = Math.min(right, box.getBoundingClientRect().right);
      }
      if (cell.getBoundingClientRect().right > right + 1) cut.push(name + ': "' + cell.textContent.trim().slice(0, 30) + '" ends at ' + Math.round(cell.getBoundingClientRect().right) + ' px, past ' + Math.round(right));
    }
  }
  return { cut, pageWidth: document.documentElement.scrollWidth, windowWidth: innerWidth };
})()`;

interface CutOff {
  cut: string[];
  pageWidth: number;
  windowWidth: number;
}

/** Every page's size in a PDF, from its MediaBox (points): Chromium writes them uncompressed. */
function pageSizes(pdf: Buffer): { width: number; height: number }[] {
  return [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((match) => ({ width: Number(match[1]), height: Number(match[2]) }));
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

async function contactRows(bytes: Buffer): Promise<number> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return (workbook.getWorksheet('Contacts')?.rowCount ?? 0) - 1;
}

describe('the day summary of a busy day', () => {
  const session = useHostInChromium({ folderPrefix: 'contactcap-dayreport-', token: 'dayreport-token-0123456789abcdef-01', prepare: seedBusyDay });

  it('fits a 1366×768 window with nothing scrolling sideways, long lists of types and long service names wrapping', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1366, height: 768 } });
    await openBusyDay(page, session.host.url);
    expect(await page.getByRole('table', { name: /^Each clinician on/ }).locator('tbody tr').count()).toBe(16);

    const fit = await page.evaluate<CutOff>(CUT_OFF);
    expect(fit.cut).toEqual([]);
    expect(fit.pageWidth).toBeLessThanOrEqual(fit.windowWidth);
    const sheet = await page.evaluate<{ scrollWidth: number; clientWidth: number }>(`(() => { const s = document.querySelector('.report-sheet'); return { scrollWidth: s.scrollWidth, clientWidth: s.clientWidth }; })()`);
    expect(sheet.scrollWidth).toBeLessThanOrEqual(sheet.clientWidth);

    // The longest list wraps onto several lines in its cell, and the long service name is there in full.
    const lines = await page.evaluate<number>(`(() => { const cell = document.querySelector('.day-table tfoot .report-types'); return Math.round(cell.getBoundingClientRect().height / parseFloat(getComputedStyle(cell).lineHeight || '20')); })()`);
    expect(lines).toBeGreaterThan(1);
    expect(await page.getByRole('rowheader', { name: new RegExp(LONG_SERVICE.replace(/[()]/g, '\\$&')) }).isVisible()).toBe(true);
    await page.close();
  });

  it('prints every column on A4: on a landscape page, and within the width of a portrait one too', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1366, height: 768 } });
    await openBusyDay(page, session.host.url);

    // Save as PDF and the print dialog take the page size from the stylesheet: the day summary's pages are landscape A4.
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    const sizes = pageSizes(pdf);
    expect(sizes.length).toBeGreaterThan(0);
    for (const size of sizes) {
      expect(Math.round(size.width)).toBe(842);
      expect(Math.round(size.height)).toBe(595);
    }

    await page.emulateMedia({ media: 'print' });
    for (const width of [A4_LANDSCAPE_WIDTH, A4_PORTRAIT_WIDTH]) {
      await page.setViewportSize({ width, height: 1000 });
      const printed = await page.evaluate<CutOff>(CUT_OFF);
      expect(printed.cut, `at ${String(width)} px`).toEqual([]);
      expect(printed.pageWidth, `at ${String(width)} px`).toBeLessThanOrEqual(width);
      // The last column is there, on the page.
      const urgent = await page.evaluate<number>(`[...document.querySelectorAll('.day-table thead th')].find((th) => th.textContent.includes('Urgent over cap')).getBoundingClientRect().right`);
      expect(urgent).toBeLessThanOrEqual(width);
    }
    await page.close();
  }, 30_000);
});

describe('exporting one day', () => {
  const session = useHostInChromium({ folderPrefix: 'contactcap-dayexport-', token: 'dayexport-token-0123456789abcdef-01', prepare: seedBusyDay });

  it('the Export screen’s Today and Yesterday fill both dates; the Day report’s Export gives the same workbook for its day', async () => {
    const today = practiceDayOf(Date.now());
    expect(BUSY_DAY).toBe(addPracticeDays(today, -1));
    const page = await session.browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    await page.goto(session.host.url);
    await screen(page, 'Reports');
    await page.getByRole('tab', { name: 'Export' }).click();
    const from = page.getByLabel('From', { exact: true });
    const to = page.getByLabel('To', { exact: true });

    await page.getByRole('button', { name: 'Today', exact: true }).click();
    expect([await from.inputValue(), await to.inputValue()]).toEqual([today, today]);
    expect(await page.getByRole('button', { name: 'Today', exact: true }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Yesterday', exact: true }).click();
    expect([await from.inputValue(), await to.inputValue()]).toEqual([BUSY_DAY, BUSY_DAY]);
    expect(await page.getByRole('button', { name: 'Yesterday', exact: true }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('button', { name: 'Today', exact: true }).getAttribute('aria-pressed')).toBe('false');

    const fromExport = await download(page, () => page.getByRole('button', { name: 'Export', exact: true }).click());
    expect(fromExport.name).toBe(`contactcap-${BUSY_DAY}.xlsx`);
    expect(await contactRows(fromExport.bytes)).toBe(COUNTED + NOT_COUNTED);

    await page.getByRole('tab', { name: 'Day' }).click();
    await page.getByRole('button', { name: /Previous day/ }).click();
    await page.getByRole('heading', { name: /^Daily summary:/ }).waitFor();
    const fromDay = await download(page, () => page.getByRole('button', { name: 'Export this day (.xlsx)' }).click());
    expect(fromDay.name).toBe(`contactcap-${BUSY_DAY}.xlsx`);
    expect(await contactRows(fromDay.bytes)).toBe(COUNTED + NOT_COUNTED);
    await expect.poll(() => page.getByRole('status').textContent()).toBe(`Downloaded contactcap-${BUSY_DAY}.xlsx. Your browser put it in its downloads folder.`);
    await page.close();
  }, 30_000);
});
