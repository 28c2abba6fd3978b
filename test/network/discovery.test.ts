import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { Discovery } from '../../main/replication/discovery.ts';
import { must, openTestCore, tempDirs } from '../helpers/fixtures.ts';
import { freePort } from '../helpers/host.ts';
import { countOf, sleep, waitUntil } from './cluster.ts';

/**
 * Finding the practice's PCs by mDNS, on this machine's own network interface
 * (multicast does not run on loopback). A machine with no such interface
 * cannot test it, and says so.
 */
const lan = Object.values(networkInterfaces())
  .flat()
  .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;

const dirs = tempDirs();
const stops: (() => void)[] = [];
afterEach(async () => {
  while (stops.length > 0) stops.pop()?.();
  await sleep(200);
  dirs.removeAll();
});

describe.skipIf(lan === undefined)('discovery by mDNS', () => {
  it('PCs with the same practice tag find each other; a PC of another practice is never offered', async () => {
    const heard = new Map<string, string[]>();
    const start = (name: string, tag: string, port: number) => {
      const discovery = new Discovery(tag, name.padEnd(16, '0'), port, (address) => heard.set(name, [...(heard.get(name) ?? []), address]));
      discovery.start();
      stops.push(() => discovery.stop());
    };
    const [p1, p2, p3] = [await freePort(), await freePort(), await freePort()];
    start('aaaa', 'a1'.repeat(16), p1);
    start('bbbb', 'a1'.repeat(16), p2);
    start('cccc', 'c3'.repeat(16), p3);
    await waitUntil(() => (heard.get('aaaa') ?? []).some((a) => a.endsWith(`:${p2}`)) && (heard.get('bbbb') ?? []).some((a) => a.endsWith(`:${p1}`)), 15_000, () => JSON.stringify([...heard]), 100);
    await sleep(1000);
    for (const name of ['aaaa', 'bbbb']) expect((heard.get(name) ?? []).some((a) => a.endsWith(`:${p3}`))).toBe(false);
    expect((heard.get('cccc') ?? []).some((a) => a.endsWith(`:${p1}`) || a.endsWith(`:${p2}`))).toBe(false);
  }, 30_000);

  it('two PCs joined with the same code, no addresses typed, share a contact', async () => {
    const open = async () =>
      openTestCore(dirs.make(), { network: { listen: [lan ?? ''], discovery: true, defaultPort: await freePort(), restartBackoffMs: [200, 1000] } });
    const a = await open();
    const b = await open();
    stops.push(() => a.close(), () => b.close());
    const { joinCode } = must(a.call('network.create', {}));
    must(b.call('network.join', { code: joinCode }));
    const ada = must(a.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner' })).id;
    // The real clock, at any hour: the day runs until 23:59, so the clinician is not finished for today in the evening.
    must(a.call('settings.update', { dayEnd: '23:59' }));
    must(a.call('contact.record', { clinicianId: ada }));
    await waitUntil(() => countOf(b, ada) === 1, 30_000, () => JSON.stringify(must(b.call('network.status', {}))), 100);
    expect(must(b.call('network.status', {})).addresses).toEqual([]);
  }, 45_000);
});
