import { afterEach, it } from 'vitest';
import { must, openTestCore, tempDirs } from '../helpers/fixtures.ts';
import { freePort } from '../helpers/host.ts';

const dirs = tempDirs();
afterEach(() => dirs.removeAll());

it('smoke: two cores share a contact', async () => {
  const [pa, pb] = [await freePort(), await freePort()];
  const a = openTestCore(dirs.make(), { network: { listen: ['127.0.0.1'], discovery: false, defaultPort: pa } });
  const b = openTestCore(dirs.make(), { network: { listen: ['127.0.0.1'], discovery: false, defaultPort: pb } });
  const { joinCode } = must(a.call('network.create', {}));
  must(b.call('network.join', { code: joinCode }));
  must(b.call('network.configure', { addresses: [`127.0.0.1:${pa}`] }));
  const id = must(a.call('clinician.create', { name: 'Dr Amara Okafor', role: 'gp_partner' })).id;
  // The real clock, at any hour: the day runs until 23:59, so the clinician is not finished for today in the evening.
  must(a.call('settings.update', { dayEnd: '23:59' }));
  must(a.call('contact.record', { clinicianId: id }));
  const deadline = Date.now() + 20_000;
  for (;;) {
    const board = must(b.call('board.today', {}));
    const row = board.rows.find((r) => r.clinicianId === id);
    if (row && row.used === 1) break;
    if (Date.now() > deadline) throw new Error(JSON.stringify(must(b.call('network.status', {})), null, 1));
    await new Promise((r) => setTimeout(r, 100));
  }
  console.log(JSON.stringify(must(b.call('network.status', {})), null, 1));
  a.close();
  b.close();
}, 30_000);
