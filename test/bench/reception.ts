import type { Core } from '../../main/core/createCore.ts';
import { launchChromium } from '../helpers/browser.ts';
import { must, openTestCore } from '../helpers/fixtures.ts';
import { callHost, spawnHost, stopHost, waitForIntegrityCheck, workingAllDay } from '../helpers/host.ts';
import { seedToday } from './foundation.ts';
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
const WARM_UP = 20;
/** After each record, how long to wait for anything it still asks for (the push is gathered for 40 ms first). */
const SETTLE_MS = 250;

/**
 * Runs in the page (as text, so this Node file needs no DOM types). Each Enter
 * is timed from the key event itself (event.timeStamp: before any handler runs,
 * the desk's own included) to the change of the clinician's count on the board,
 * and to the start of the next frame after it (when the change is painted).
 */
const PROBE = `(() => {
  const state = { started: 0, samples: [], frames: [] };
  globalThis.benchState = state;
  const cell = () => document.querySelector('tr.board-row[data-clinician="Bench Keyboard"] [data-testid="used"]');
  window.addEventListener('keydown', (event) => { if (event.key === 'Enter') state.started = event.timeStamp; }, true);
  let last = cell()?.textContent ?? '';
  new MutationObserver(() => {
    const now = cell()?.textContent ?? '';
    if (now !== last && state.started > 0) {
      const started = state.started;
      state.samples.push(performance.now() - started);
      requestAnimationFrame(() => state.frames.push(performance.now() - started));
      state.started = 0;
    }
    last = now;
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
})()`;

interface ProbeState {
  samples: number[];
  frames: number[];
}

/**
 * From the Enter that records a contact to the board showing the new count, in
 * Chromium through the browser host, on a busy day (about 600 contacts already
 * recorded today, so the desk's lists are full): timed inside the page, so the
 * test driver's own delays are not counted. Also counts the HTTP requests each
 * record costs, from its Enter until the next record starts, pushes and all.
 */
export async function measureKeypressToBoard(dataDir: string): Promise<Row[]> {
  const seeded = openTestCore(dataDir);
  seedToday(seeded);
  seeded.close();
  const host = await spawnHost({ dataDir, token: 'bench-token-0123456789abcdef-0123' });
  const browser = await launchChromium();
  try {
    await waitForIntegrityCheck(host);
    await callHost(host, 'device.update', { staffName: 'Bench', deviceName: 'Bench PC' });
    const created = (await callHost(host, 'clinician.create', { name: 'Bench Keyboard', role: 'salaried_gp', capped: false })).body as { value: { id: string } };
    await workingAllDay(host, [created.value.id]);

    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const requests: number[] = Array.from({ length: PRESSES + 1 }, () => 0);
    let recording = 0;
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/') && url.pathname !== '/api/events') requests[recording] = (requests[recording] ?? 0) + 1;
    });
    await page.goto(host.url);
    const rowLocator = page.locator('tr.board-row[data-clinician="Bench Keyboard"]');
    await rowLocator.waitFor();
    const key = ((await rowLocator.locator('.key-col .keycap').textContent()) ?? '').trim();
    await page.waitForTimeout(SETTLE_MS);
    await page.evaluate(PROBE);
    const state = () => page.evaluate(() => (globalThis as unknown as { benchState: ProbeState }).benchState);
    for (let i = 1; i <= PRESSES; i++) {
      await page.keyboard.press(key);
      await page.getByRole('dialog', { name: 'Record a contact for Bench Keyboard' }).waitFor();
      recording = i;
      await page.keyboard.press('Enter');
      await page.waitForFunction((count) => (globalThis as unknown as { benchState: ProbeState }).benchState.frames.length >= count, i);
      await page.waitForTimeout(SETTLE_MS);
    }
    const { samples, frames } = await state();
    const measured = samples.slice(WARM_UP); // the first presses warm up the page and the host
    const perRecord = requests.slice(1 + WARM_UP);
    const count = (v: number) => v.toFixed(0);
    return [
      row('Enter → board updated, p50 (Chromium)', percentile(measured, 50), null),
      row('Enter → board updated, p95 (Chromium)', percentile(measured, 95), 30),
      row('Enter → board updated, p99 (Chromium)', percentile(measured, 99), null),
      row('Enter → next frame after it, p95 (Chromium)', percentile(frames.slice(WARM_UP), 95), null),
      row('HTTP requests per record, most', Math.max(...perRecord), 1, count),
      row('HTTP requests per record, fewest', Math.min(...perRecord), null, count),
    ];
  } finally {
    await browser.close();
    await stopHost(host);
  }
}
