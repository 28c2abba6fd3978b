import { afterAll, describe, expect, it } from 'vitest';
import { must, openTestCore, tempDir } from '../helpers/fixtures.ts';
import { callHost, spawnHost, stopHost, workingAllDay } from '../helpers/host.ts';

const ROUNDS = 12;

describe('crash safety', () => {
  const data = tempDir('contactcap-crash-');
  afterAll(() => data.remove());

  it(`keeps every acknowledged contact when the host is killed with SIGKILL ${ROUNDS} times mid-write`, async () => {
    const acknowledged = new Set<string>();
    let clinicianId = '';
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };

    for (let round = 0; round < ROUNDS; round++) {
      const host = await spawnHost({ dataDir: data.dir, token: 'crash-test-token-0123456789abcdef' });
      if (clinicianId === '') {
        const created = await callHost(host, 'clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner', capped: false });
        clinicianId = (created.body as { value: { id: string } }).value.id;
        await workingAllDay(host, [clinicianId]);
      }
      let stop = false;
      const writer = async () => {
        while (!stop) {
          try {
            const result = await callHost(host, 'contact.record', { clinicianId, typeId: 'telephone' });
            const body = result.body as { ok: boolean; value?: { id: string } };
            // Only a complete, successful answer counts as acknowledged.
            if (body.ok && body.value) acknowledged.add(body.value.id);
          } catch {
            return; // the connection died with the process
          }
        }
      };
      const writers = [writer(), writer()];
      await new Promise((resolve) => setTimeout(resolve, 80 + Math.floor(random() * 250)));
      await stopHost(host, 'SIGKILL');
      stop = true;
      await Promise.all(writers);
    }

    expect(acknowledged.size).toBeGreaterThan(ROUNDS * 5);
    const core = openTestCore(data.dir);
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const stored = new Set(must(core.call('contact.listForDay', {})).map((contact) => contact.id));
    const missing = [...acknowledged].filter((id) => !stored.has(id));
    expect(missing).toEqual([]);
    // The event log stayed gapless through every kill.
    const seqs = core.db.prepare('SELECT seq FROM events WHERE origin = ? ORDER BY seq').pluck().all(core.deviceId) as number[];
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    core.close();
  }, 120_000);
});
