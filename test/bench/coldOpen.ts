import { createCore } from '../../main/core/createCore.ts';
import { MIGRATIONS_DIR } from '../helpers/fixtures.ts';

/** Run in a fresh process by the benchmark: prints how long opening and migrating took, in ms. */
const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: coldOpen.ts DATA_DIR');
const started = process.hrtime.bigint();
const core = createCore({ dataDir, migrationsDir: MIGRATIONS_DIR });
const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
core.close();
process.stdout.write(`${JSON.stringify({ openMs: elapsed })}\n`);
