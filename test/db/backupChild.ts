/**
 * A PC making a backup, for backups.test.ts to SIGKILL part-way: it opens the
 * data folder, says "backing up" on stdout, and makes a backup by hand.
 * Arguments: data folder.
 */
import { must, openTestCore } from '../helpers/fixtures.ts';

const [dataDir = ''] = process.argv.slice(2);
const core = openTestCore(dataDir);
process.stdout.write('backing up\n');
must(await core.call('backup.now', {}));
process.stdout.write('backed up\n');
core.close();
