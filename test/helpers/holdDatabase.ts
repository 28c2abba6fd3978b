import { createCore } from '../../main/core/createCore.ts';
import { MIGRATIONS_DIR } from './fixtures.ts';

/**
 * Another copy of ContactCap, for start-up tests: opens the data folder given as
 * the first argument, says "holding", and keeps the database until it is killed
 * or the optional number of milliseconds (second argument) has passed.
 */
const [dataDir, holdMs] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: holdDatabase.ts DATA_DIR [MS]');
const core = createCore({ dataDir, migrationsDir: MIGRATIONS_DIR });
process.stdout.write('holding\n');
const release = () => {
  core.close();
  process.exit(0);
};
if (holdMs) setTimeout(release, Number(holdMs));
else setInterval(() => undefined, 60_000);
process.on('SIGTERM', release);
