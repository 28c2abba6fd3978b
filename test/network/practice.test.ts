import { afterEach, describe, expect, it } from 'vitest';
import { must } from '../helpers/fixtures.ts';
import { countOf, eventCount, Practice, waitUntil } from './cluster.ts';

/**
 * The practice network with the real engine: cores on their own folders, each
 * with its own replication process, talking over 127.0.0.1 through links the
 * test can cut.
 */
let practice: Practice | null = null;
afterEach(async () => {
  await practice?.close();
  practice = null;
});

function addClinician(core: Practice['pcs'][number]['core'], name: string, dailyCap = 25): string {
  return must(core.call('clinician.create', { name, role: 'salaried_gp', dailyCap })).id;
}

function everyoneSees(p: Practice, clinicianId: string, used: number): () => boolean {
  return () => p.pcs.every((pc) => countOf(pc.core, clinicianId) === used);
}

function counts(p: Practice, clinicianId: string): string {
  return p.pcs.map((pc) => `${pc.name}=${countOf(pc.core, clinicianId)}`).join(', ');
}

describe('two PCs', () => {
  it('a contact recorded on one is on the other’s board, and the header says they are in step', async () => {
    practice = await new Practice().start(2);
    const p = practice;
    const [a, b] = [p.pc(0), p.pc(1)];
    const ada = addClinician(a.core, 'Dr Ada Patel');
    await waitUntil(() => must(b.core.call('clinician.list', {})).some((c) => c.id === ada), 15_000, () => JSON.stringify(must(b.core.call('network.status', {}))));
    must(a.core.call('contact.record', { clinicianId: ada }));
    await waitUntil(everyoneSees(practice, ada, 1), 5_000, () => counts(p, ada));
    must(b.core.call('contact.record', { clinicianId: ada }));
    await waitUntil(everyoneSees(practice, ada, 2), 5_000, () => counts(p, ada));
    const status = must(a.core.call('network.status', {}));
    expect(status.state).toBe('running');
    expect(status.members).toHaveLength(1);
    expect(status.members[0]).toMatchObject({ name: 'Desk 2', connected: true, behind: 0, removed: false });
    expect(status.members[0]?.held).toBe(eventCount(b.core) - countOwnOf(a));
  }, 30_000);
});

function countOwnOf(pc: Practice['pcs'][number]): number {
  return (pc.core.db.prepare('SELECT count(*) AS n FROM events WHERE origin = ?').get(pc.core.deviceId) as { n: number }).n;
}

describe('five PCs', () => {
  it('a write on each PC reaches all the others, and all hold the same events', async () => {
    practice = await new Practice().start(5);
    const p = practice;
    const first = practice.pc(0);
    const ada = addClinician(first.core, 'Dr Ada Patel');
    await waitUntil(() => p.pcs.every((pc) => countOf(pc.core, ada) === 0), 20_000, () => counts(p, ada));
    for (const [i, pc] of practice.pcs.entries()) {
      must(pc.core.call('contact.record', { clinicianId: ada }));
      await waitUntil(everyoneSees(practice, ada, i + 1), 5_000, () => counts(p, ada));
    }
    const digests = practice.digests();
    expect(new Set(digests).size).toBe(1);
    expect(eventCount(first.core)).toBeGreaterThanOrEqual(6);
  }, 60_000);
});

describe('partition and heal', () => {
  it('both sides record the last place while apart; after they meet every PC shows 26/25 and flags the same contact', async () => {
    practice = await new Practice().start(3, ['Reception 1', 'Reception 2', 'Room 4']);
    const p = practice;
    const [a, b, c] = [p.pc(0), p.pc(1), p.pc(2)];
    const ada = addClinician(a.core, 'Dr Ada Patel', 3);
    await waitUntil(() => p.pcs.every((pc) => countOf(pc.core, ada) === 0), 15_000, () => counts(p, ada));
    must(a.core.call('contact.record', { clinicianId: ada }));
    must(a.core.call('contact.record', { clinicianId: ada }));
    await waitUntil(everyoneSees(practice, ada, 2), 5_000, () => counts(p, ada));

    practice.split([0], [1, 2]);
    await waitUntil(() => !must(a.core.call('network.status', {})).members.some((m) => m.connected), 10_000, () => 'A still connected');
    const onA = must(a.core.call('contact.record', { clinicianId: ada }));
    const onB = must(b.core.call('contact.record', { clinicianId: ada }));
    // Each side sees its own 3 of 3; C sees B's.
    expect(countOf(a.core, ada)).toBe(3);
    await waitUntil(() => countOf(c.core, ada) === 3, 5_000, () => counts(p, ada));

    practice.heal();
    await waitUntil(everyoneSees(practice, ada, 4), 15_000, () => counts(p, ada));
    expect(new Set(practice.digests()).size).toBe(1);
    // The later of the two in hybrid-clock order is over the cap, on every PC, with the reason in words.
    const later = hlcOf(a, onA.id) > hlcOf(a, onB.id) ? onA : onB;
    const earlier = later === onA ? onB : onA;
    for (const pc of practice.pcs) {
      const row = must(pc.core.call('board.today', {})).rows.find((r) => r.clinicianId === ada);
      expect(row).toMatchObject({ used: 4, cap: 3, state: 'over_cap', overCommitted: 1 });
      const list = must(pc.core.call('contact.listForDay', { clinicianId: ada }));
      const flagged = list.filter((contact) => contact.overCommit !== null);
      expect(flagged.map((contact) => contact.id)).toEqual([later.id]);
      expect(flagged[0]?.overCommit).toContain(`recorded on ${later.device} while it could not see ${earlier.device}`);
      expect(list.find((contact) => contact.id === earlier.id)?.overCap).toBe(false);
    }
  }, 60_000);
});

function hlcOf(pc: Practice['pcs'][number], contactId: string): string {
  return (pc.core.db.prepare('SELECT hlc FROM contacts WHERE id = ?').get(contactId) as { hlc: string }).hlc;
}
