/**
 * A PC stopped dead part-way through its end-of-day export, for
 * endOfDaySets.test.ts: it opens the data folder at 18:31 on Monday 23
 * November 2026, writes the day's set under its temporary name, and is
 * SIGKILLed just before the rename that would put the set in place.
 * Arguments: data folder.
 */
import { FakeClock, must, openTestCore } from '../helpers/fixtures.ts';

const [dataDir = ''] = process.argv.slice(2);
const core = openTestCore(dataDir, {
  clock: new FakeClock('2026-11-23T18:31:00Z'),
  faults: { beforeDaySetRename: () => process.kill(process.pid, 'SIGKILL') },
});
const answer = must(await core.call('export.runEndOfDay', {}));
// Reaching here means the kill did not happen: the test fails on this.
process.stdout.write(`not killed: ${JSON.stringify(answer)}\n`);
core.close();
