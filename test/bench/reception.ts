import type { Core } from '../../main/core/createCore.ts';
import { launchChromium } from '../helpers/browser.ts';
import { must, openTestCore } from '../helpers/fixtures.ts';
import { callHost, spawnHost, stopHost, waitForIntegrityCheck } from '../helpers/host.ts';
import { LATE_DAY_END, seedToday } from './foundation.ts';
import { percentile, row, timeEach, type Row } from './stats.ts';

/** Twenty more clinicians, on today's rota with a typical morning each: forty on the board. */
export function growToForty(core: Core): void {
  const today = must(core.call('system.status', {})).today;
  core.db.transaction(() => {
    for (let i = 21; i <= 40; i++) {
      const clinician = must(core.call('clinician.create', { name: `Clinician ${i}`, role: 'salaried_gp', dailyCap: 200 }));
      must(core.call('rota.setDay', { clinicianId: clinician.id, day: today, override: { am: true, pm: true } }));
      for (let n = 0; n < 30; n++) must(core.call('contact.record', { clinicianId: clinician.id, typeId: 'telephone' }));
    }
  })();
}

export function measureBoardForForty(dataDir: string): Row[] {
  const core = openTestCore(dataDir);
  seedToday(core);
  growToForty(core);
  const ids = must(core.call('board.today', {})).rows.map((r) => r.clinicianId);
  const rows = ids.length;
  for (let i = 0; i < 50; i++) must(core.call('board.today', {}));
  const board = timeEach(1000, () => must(core.call('board.today', {})));
  // What the desk's record costs in the core: the record check, the write and the board after it.
  const record = timeEach(500, (i) => must(core.call('contact.record', { clinicianId: ids[i % rows] ?? '', typeId: 'face_to_face', withBoard: true })));
  core.close();
  return [
    row(`board.today p50 (${rows} clinicians)`, percentile(board, 50), null),
    row(`board.today p99 (${rows} clinicians)`, percentile(board, 99), 3),
    row(`contact.record with the board, p50 (${rows} clinicians)`, percentile(record, 50), null),
    row(`contact.record with the board, p99 (${rows} clinicians)`, percentile(record, 99), null),
  ];
}

const PRESSES = 120;

/**
 * Runs in the page (as text, so this Node file needs no DOM types): notes the
 * time of each Enter, and the time the clinician's count on the board changes.
 */
const PROBE = `(() => {
  const state = { started: 0, samples: [] };
  globalThis.benchState = state;
  const cell = () => document.querySelector('tr.board-row[data-clinician="Bench Keyboard"] [data-testid="used"]');
  window.addEventListener('keydown', (event) => { if (event.key === 'Enter') state.started = performance.now(); }, true);
  let last = cell()?.textContent ?? '';
  new MutationObserver(() => {
    const now = cell()?.textContent ?? '';
    if (now !== last && state.started > 0) {
      state.samples.push(performance.now() - state.started);
      state.started = 0;
    }
    last = now;
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
})()`;

/**
 * From the Enter that records a contact to the board showing the new count, in
 * Chromium through the browser host: timed inside the page, from the key event
 * to the DOM change, so the test driver's own delays are not counted.
 */
export async function measureKeypressToBoard(dataDir: string): Promise<Row[]> {
  const host = await spawnHost({ dataDir, token: 'bench-token-0123456789abcdef-0123' });
  const browser = await launchChromium();
  try {
    await waitForIntegrityCheck(host);
    const today = ((await callHost(host, 'system.status', {})).body as { value: { today: string } }).value.today;
    await callHost(host, 'device.update', { staffName: 'Bench', deviceName: 'Bench PC' });
    await callHost(host, 'settings.update', LATE_DAY_END);
    const created = (await callHost(host, 'clinician.create', { name: 'Bench Keyboard', role: 'salaried_gp', capped: false })).body as { value: { id: string } };
    await callHost(host, 'rota.setDay', { clinicianId: created.value.id, day: today, override: { am: true, pm: true } });

    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(host.url);
    const rowLocator = page.locator('tr.board-row[data-clinician="Bench Keyboard"]');
    await rowLocator.waitFor();
    const key = ((await rowLocator.locator('.keycap').textContent()) ?? '').trim();
    await page.evaluate(PROBE);
    for (let i = 1; i <= PRESSES; i++) {
      await page.keyboard.press(key);
      await page.getByRole('dialog', { name: 'Record a contact for Bench Keyboard' }).waitFor();
      await page.keyboard.press('Enter');
      await page.waitForFunction((count) => (globalThis as unknown as { benchState: { samples: number[] } }).benchState.samples.length >= count, i);
    }
    const samples = await page.evaluate(() => (globalThis as unknown as { benchState: { samples: number[] } }).benchState.samples);
    const measured = samples.slice(20); // the first presses warm up the page and the host
    return [
      row('Enter → board updated, p50 (Chromium)', percentile(measured, 50), null),
      row('Enter → board updated, p95 (Chromium)', percentile(measured, 95), 50),
    ];
  } finally {
    await browser.close();
    await stopHost(host);
  }
}
