import os from 'node:os';
import path from 'node:path';
import { practiceDayOf } from '../../shared/practiceDay.ts';
import { ensureBuilt } from '../../main/web-shell/buildState.ts';
import { ROOT } from '../helpers/fixtures.ts';
import { ensureFiveYearDatabase, workingCopy } from './fiveYears.ts';
import { measureColdOpen, measureInProcess, measureOverHttp } from './foundation.ts';
import { measureBoardForForty, measureKeypressToBoard } from './reception.ts';
import { measureCatchUp, measureCommitFloor, measureFanOut } from './network.ts';
import { measureReports } from './reports.ts';
import { measureAuditTrail } from './auditTrail.ts';
import { measureIdentifiers } from './identifiers.ts';
import { printTable, row } from './stats.ts';

/**
 * `npm run bench`: builds (or reuses) the five-year database under .bench/ and
 * prints each figure beside its target. Speed is measured here, never in tests.
 */
const log = (line: string) => process.stdout.write(`${line}\n`);
log(`ContactCap benchmark — Node ${process.version}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`);
ensureBuilt(ROOT, log);

const today = practiceDayOf(Date.now());
log('Five-year database: building or reusing…');
const { dir, info } = ensureFiveYearDatabase(ROOT, today, log);
log(
  `  ${info.contacts.toLocaleString('en-GB')} contacts (${info.voids.toLocaleString('en-GB')} voided), ${info.events.toLocaleString('en-GB')} events, ` +
    `${info.clinicians} clinicians; built in ${info.buildSeconds} s`,
);

const work = path.join(ROOT, '.bench', 'work');
workingCopy(dir, work);
const open = measureColdOpen(work);
printTable('Start-up (fresh process, five-year database)', [row('open + migrate, first run', open.first, 500), row('open + migrate, median of 3', open.median, 500)]);

const inProcess = measureInProcess(work);
printTable('In-process (the core, as the desktop app runs it)', inProcess.rows);

workingCopy(dir, work);
printTable('Browser host (HTTP on 127.0.0.1, separate process)', await measureOverHttp(work));

workingCopy(dir, work);
printTable('Reception desk (issue 3)', [...measureBoardForForty(work), ...(workingCopy(dir, work), await measureKeypressToBoard(work))]);
workingCopy(dir, work);
printTable('Manager reports and exports (issue 4)', await measureReports(work));
workingCopy(dir, work);
printTable('Audit trail (issue 10 §2)', measureAuditTrail(work, 'five years'));
workingCopy(dir, work);
printTable('Patient identifiers (issue 10 §5), on the five-year database', await measureIdentifiers(work));
log('\nPractice network (issue 9): five PCs and catch-ups on 127.0.0.1, each PC with its own replication process…');
const network = [...(await measureFanOut(log)), ...(await measureCommitFloor()), ...(await measureCatchUp(20_000, '20,000 events', log))];
if (process.env.BENCH_SKIP_FIVE_YEAR_CATCHUP === '1') log('  five-year catch-up skipped (BENCH_SKIP_FIVE_YEAR_CATCHUP=1)');
else network.push(...(await measureCatchUp(info.events, 'five years', log)));
printTable('Practice network (issue 9)', network);
printTable('This benchmark process', [row('peak RSS (includes the seed generator)', process.resourceUsage().maxRSS / 1024, null, (v) => `${v.toFixed(0)} MB`)]);
