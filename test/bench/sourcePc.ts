/**
 * One PC of the practice in a process of its own, for the benchmark: opens a
 * (seeded) data folder, creates the practice network on the given port, says
 * its join code on stdout, and runs until it is killed. So the PC being
 * measured shares its CPU time with nothing but its own replication process,
 * as on a real reception PC.
 */
import { must, openTestCore } from '../helpers/fixtures.ts';

const [dir = '', portText = ''] = process.argv.slice(2);
const core = openTestCore(dir, { network: { listen: ['127.0.0.1'], discovery: false, defaultPort: Number(portText), batchSize: 500 } });
must(core.call('device.update', { deviceName: 'Reception 1' }));
const { joinCode } = must(core.call('network.create', {}));
const started = setInterval(() => {
  if (must(core.call('network.status', {})).state !== 'running') return;
  clearInterval(started);
  process.stdout.write(`ready ${joinCode}\n`);
}, 100);
process.on('SIGTERM', () => {
  core.close();
  process.exit(0);
});
