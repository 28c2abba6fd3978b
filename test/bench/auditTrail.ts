import type { Core } from '../../main/core/createCore.ts';
import { ChainVerifier } from '../../main/core/events/verifyChain.ts';
import { FakeClock, openTestCore, sequentialIds } from '../helpers/fixtures.ts';
import { row, type Row } from './stats.ts';

/** Pages as the background check reads them (main/core/services/auditTrail.ts). */
const PAGE_SIZE = 500;

/**
 * The hash chain check over every event of the database in `dataDir`: the
 * whole run, the rate, and the longest single page (what one turn of the
 * background check can hold the desk up by), plus the last step's count of
 * rows no chain can place (one read of the whole table).
 */
export function measureAuditTrail(dataDir: string, label: string): Row[] {
  const core: Core = openTestCore(dataDir, { clock: new FakeClock(Date.now()), ids: sequentialIds('bench') });
  try {
    const verifier = new ChainVerifier(core.store);
    let longest = 0;
    const started = performance.now();
    for (let done = false; !done; ) {
      const step = performance.now();
      done = verifier.step(PAGE_SIZE);
      longest = Math.max(longest, performance.now() - step);
    }
    const total = performance.now() - started;
    const report = verifier.report();
    if (report.problems.length > 0 || report.unplaced > 0) throw new Error(`The benchmark database's audit trail is broken: ${JSON.stringify(report.problems.slice(0, 3))}`);
    const rate = report.events / (total / 1000);
    return [
      row(`audit trail check, ${label} (${report.events.toLocaleString('en-GB')} events), whole run`, total, null),
      row(`  events checked per second`, rate, null, (v) => `${Math.round(v).toLocaleString('en-GB')}/s`),
      row(`  longest page of ${PAGE_SIZE} (the last one counts every row)`, longest, 50),
    ];
  } finally {
    core.close();
  }
}
