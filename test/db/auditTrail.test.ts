import { createHash } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/createCore.ts';
import { DATABASE_FILE } from '../../main/core/db/dataDir.ts';
import { loadMigrations, migrate } from '../../main/core/db/migrations.ts';
import { rememberMember } from '../../main/core/repos/networkRepo.ts';
import { encodeHlc } from '../../shared/hlc.ts';
import type { SystemStatus } from '../../shared/domain.ts';
import { FakeClock, MIGRATIONS_DIR, must, openTestCore, sequentialIds, tempDirs } from '../helpers/fixtures.ts';

/**
 * The events' hash chain (issue 10 §2), checked on real SQLite files that are
 * tampered with through a second connection, the way someone with the file
 * and a SQLite tool would: the immutability triggers dropped, then an UPDATE,
 * DELETE or INSERT. The check runs at start, as in the app.
 */

const temps = tempDirs();
const opened: Core[] = [];
afterEach(() => {
  while (opened.length > 0) opened.pop()?.close();
  temps.removeAll();
});

const MONDAY = '2026-11-23T08:00:00Z';

function open(dir: string, at = MONDAY): Core {
  const core = openTestCore(dir, { clock: new FakeClock(at), ids: sequentialIds(path.basename(dir)), auditCheck: 'background' });
  opened.push(core);
  return core;
}

function close(core: Core): void {
  core.close();
  opened.splice(opened.indexOf(core), 1);
}

/** A desk named Desk 1 with a GP and `contacts` contacts: 1 + contacts events (the clinician, the contacts; the PC's name is no event). */
function desk(contacts: number): { dir: string; core: Core; origin: string } {
  const dir = temps.make();
  const core = open(dir);
  must(core.call('device.update', { deviceName: 'Desk 1', staffName: 'Sam' }));
  const gp = must(core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner', dailyCap: 40 })).id;
  for (let i = 0; i < contacts; i++) must(core.call('contact.record', { clinicianId: gp, typeId: 'telephone' }));
  return { dir, core, origin: core.deviceId };
}

/** What someone with the file does: a connection of their own, the triggers that refuse changes dropped. */
function tamper(dir: string, work: (db: Database.Database) => void): void {
  const db = new Database(path.join(dir, DATABASE_FILE));
  db.pragma('foreign_keys = OFF');
  db.exec('DROP TRIGGER IF EXISTS events_are_immutable_update; DROP TRIGGER IF EXISTS events_are_immutable_delete;');
  work(db);
  db.close();
}

interface Row {
  origin: string;
  seq: number;
  hlc: string;
  wall_time: number;
  type: string;
  schema_version: number;
  body: string;
  hash: string;
  actor: string | null;
  prev_hash: string | null;
}

/** The hashes as docs/architecture.md defines them, written out here again, not taken from the code under test. */
function contentHash(row: Row): string {
  return sha256([row.origin, row.seq, row.hlc, row.wall_time, row.type, row.schema_version, row.body]);
}
function chainedHash(row: Row): string {
  return sha256([row.origin, row.seq, row.hlc, row.wall_time, row.type, row.schema_version, row.body, row.actor, row.prev_hash]);
}
function sha256(fields: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** Renumbers `rows` by `by`, each hashed again the new way and keeping its link: a careful attacker's work. */
function moveBy(db: Database.Database, rows: Row[], by: number): void {
  for (const row of rows) {
    const moved = { ...row, seq: row.seq + by };
    db.prepare('UPDATE events SET seq = ?, hash = ? WHERE origin = ? AND seq = ?').run(moved.seq, chainedHash(moved), row.origin, row.seq);
  }
}

function rowsOf(db: Database.Database, origin: string): Row[] {
  return db.prepare('SELECT * FROM events WHERE origin = ? ORDER BY seq').all(origin) as Row[];
}

/** Restarts the PC (the check runs at every start) and waits for the check. */
async function restart(dir: string, core: Core): Promise<{ core: Core; status: SystemStatus }> {
  close(core);
  const again = open(dir, '2026-11-23T09:30:00Z');
  await again.auditTrail.settled();
  return { core: again, status: must(again.call('system.status', {})) };
}

function auditNotices(status: SystemStatus): string[] {
  return status.notices.filter((notice) => notice.kind === 'audit_trail_broken').map((notice) => notice.message);
}

describe('the audit trail', () => {
  it('is checked at start and reads as intact, with the time of the check and the number of records, when nothing was touched', async () => {
    const { dir, core } = desk(5);
    const { status } = await restart(dir, core);
    expect(status.audit).toEqual({ checking: false, result: 'intact', checkedAt: '2026-11-23T09:30:00.000Z', events: 1 + 5 });
    expect(auditNotices(status)).toEqual([]);
  });

  it('names the actor on every event, null when nobody is signed in, inside the hash', async () => {
    const { dir, core, origin } = desk(2);
    close(core);
    const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
    const rows = rowsOf(db, origin);
    db.close();
    expect(rows.map((row) => row.actor)).toEqual([null, null, null]);
    expect(rows.map((row) => row.prev_hash)).toEqual(['', rows[0]?.hash, rows[1]?.hash]);
    for (const row of rows) expect(row.hash).toBe(chainedHash(row));
    // An actor written in afterwards, the hash left as it was, is a change.
    tamper(dir, (raw) => raw.prepare("UPDATE events SET actor = 'Someone else' WHERE origin = ? AND seq = 2").run(origin));
    const { status } = await restart(dir, open(dir));
    expect(auditNotices(status)[0]).toContain('On Desk 1 (this PC): record 2 was changed after it was written.');
  });

  it('reports an event edited by hand, naming the PC and the record, and keeps the notice on screen', async () => {
    const { dir, core, origin } = desk(4);
    tamper(dir, (db) => db.prepare("UPDATE events SET body = json_set(body, '$.clinicianId', 'someone-else') WHERE origin = ? AND seq = 3").run(origin));
    const { core: again, status } = await restart(dir, core);
    expect(status.audit.result).toBe('broken');
    expect(auditNotices(status)).toEqual([
      'The audit trail on this PC does not add up: records of changes were altered outside ContactCap. On Desk 1 (this PC): record 3 was changed after it was written. ' +
        'The desk can carry on. Leave this PC’s files as they are and tell your practice manager and IT support today.',
    ]);
    // The desk carries on; the next check, with the record still changed, does not take the notice away.
    const gp = must(again.call('clinician.list', {}))[0]?.id ?? '';
    must(again.call('contact.record', { clinicianId: gp, typeId: 'telephone' }));
    again.auditTrail.check();
    await again.auditTrail.settled();
    expect(auditNotices(must(again.call('system.status', {})))).toHaveLength(1);
  });

  it('reports an event edited by hand with its hash made to match its new contents: the next one no longer follows on', async () => {
    const { dir, core, origin } = desk(4);
    tamper(dir, (db) => {
      const row = rowsOf(db, origin)[2] as Row;
      const edited = { ...row, body: JSON.stringify({ ...(JSON.parse(row.body) as object), clinicianId: 'someone-else' }) };
      db.prepare('UPDATE events SET body = ?, hash = ? WHERE origin = ? AND seq = ?').run(edited.body, chainedHash(edited), origin, row.seq);
    });
    const { status } = await restart(dir, core);
    expect(auditNotices(status)[0]).toContain('On Desk 1 (this PC): record 4 does not follow on from the record before it (one was changed, removed or put in).');
  });

  it('reports a deleted event as missing', async () => {
    const { dir, core, origin } = desk(4);
    tamper(dir, (db) => db.prepare('DELETE FROM events WHERE origin = ? AND seq = 3').run(origin));
    const { status } = await restart(dir, core);
    // With the record before it gone, record 4's link cannot be checked: the gap is what is reported.
    expect(auditNotices(status)[0]).toContain('On Desk 1 (this PC): record 3 is missing.');
  });

  it('reports the newest events deleted from the end', async () => {
    const { dir, core, origin } = desk(4);
    tamper(dir, (db) => db.prepare('DELETE FROM events WHERE origin = ? AND seq >= 4').run(origin));
    const { status } = await restart(dir, core);
    expect(auditNotices(status)[0]).toContain('On Desk 1 (this PC): records 4 to 5 are missing.');
  });

  it('reports a deleted event whose followers were renumbered and hashed again the old way, with no gap left', async () => {
    const { dir, core, origin } = desk(5);
    tamper(dir, (db) => {
      db.prepare('DELETE FROM events WHERE origin = ? AND seq = 3').run(origin);
      for (const row of rowsOf(db, origin).filter((each) => each.seq > 3)) {
        const moved = { ...row, seq: row.seq - 1 };
        db.prepare('UPDATE events SET seq = ?, hash = ?, prev_hash = NULL WHERE origin = ? AND seq = ?').run(moved.seq, contentHash(moved), origin, row.seq);
      }
      db.prepare('UPDATE event_chains SET head_seq = head_seq - 1 WHERE origin = ?').run(origin);
    });
    const { status } = await restart(dir, core);
    const [notice] = auditNotices(status);
    expect(notice).toContain('On Desk 1 (this PC): records 3 to 5 were changed after they were written.');
    expect(status.audit.events).toBe(5);
  });

  it('reports a deleted event whose followers were renumbered and hashed again the new way, each keeping its link', async () => {
    const { dir, core, origin } = desk(5);
    tamper(dir, (db) => {
      db.prepare('DELETE FROM events WHERE origin = ? AND seq = 3').run(origin);
      moveBy(db, rowsOf(db, origin).filter((each) => each.seq > 3), -1);
    });
    const { status } = await restart(dir, core);
    expect(auditNotices(status)[0]).toContain(
      'On Desk 1 (this PC): records 3 to 5 do not follow on from the records before them (one was changed, removed or put in); record 6 is missing.',
    );
  });

  it('reports an event put in between two others, the later ones renumbered', async () => {
    const { dir, core, origin } = desk(3);
    tamper(dir, (db) => {
      const rows = rowsOf(db, origin);
      moveBy(db, [...rows].reverse().filter((each) => each.seq >= 3), 1);
      const model = rows[2] as Row;
      const slipped = { ...model, seq: 3, body: JSON.stringify({ ...(JSON.parse(model.body) as object), contactId: 'slipped-in' }), prev_hash: rows[1]?.hash ?? '' };
      db.prepare('INSERT INTO events VALUES (@origin, @seq, @hlc, @wall_time, @type, @schema_version, @body, @hash, @actor, @prev_hash)').run({ ...slipped, hash: chainedHash(slipped) });
    });
    const { status } = await restart(dir, core);
    // The one put in is well formed; those after it, hashed again, no longer follow on, and the newest is past the one ContactCap wrote last.
    expect(auditNotices(status)[0]).toContain(
      'On Desk 1 (this PC): records 4 to 5 do not follow on from the records before them (one was changed, removed or put in); record 5 was put in by something other than ContactCap.',
    );
  });

  it('reports an event added at the end in the old format, and events of a PC this database never took any from', async () => {
    const { dir, core, origin } = desk(2);
    tamper(dir, (db) => {
      const last = rowsOf(db, origin).at(-1) as Row;
      const added = { ...last, seq: last.seq + 1, body: JSON.stringify({ ...(JSON.parse(last.body) as object), contactId: 'added' }), prev_hash: null };
      const stranger = { ...added, origin: 'feedfeedfeedfeed', seq: 1 };
      const insert = db.prepare('INSERT INTO events VALUES (@origin, @seq, @hlc, @wall_time, @type, @schema_version, @body, @hash, @actor, @prev_hash)');
      insert.run({ ...added, hash: contentHash(added) });
      insert.run({ ...stranger, hash: contentHash(stranger) });
    });
    const { status } = await restart(dir, core);
    const [notice] = auditNotices(status);
    expect(notice).toContain('On Desk 1 (this PC): record 4 was changed after it was written.');
    expect(notice).toContain('On the PC with id feedfeedfeedfeed: record 1 was changed after it was written.');
  });

  it('reports events added after the newest one ContactCap wrote, with the trigger that keeps the newest dropped', async () => {
    const { dir, core, origin } = desk(2);
    tamper(dir, (db) => {
      db.exec('DROP TRIGGER events_chain_head');
      const last = rowsOf(db, origin).at(-1) as Row;
      const added = { ...last, seq: last.seq + 1, body: JSON.stringify({ ...(JSON.parse(last.body) as object), contactId: 'added' }), prev_hash: last.hash };
      db.prepare('INSERT INTO events VALUES (@origin, @seq, @hlc, @wall_time, @type, @schema_version, @body, @hash, @actor, @prev_hash)').run({ ...added, hash: chainedHash(added) });
    });
    const { status } = await restart(dir, core);
    expect(auditNotices(status)[0]).toContain('On Desk 1 (this PC): record 4 was put in by something other than ContactCap.');
  });

  it('names another PC by the name the network knows it by', async () => {
    const { dir, core } = desk(0);
    const other = temps.make();
    const desk2 = open(other);
    const gp = must(desk2.call('clinician.create', { name: 'Dr Ben Shah', role: 'gp_partner' })).id;
    must(desk2.call('contact.record', { clinicianId: gp, typeId: 'telephone' }));
    const blocks = desk2.db.prepare('SELECT origin, seq, hlc, wall_time, type, schema_version, body, hash, actor, prev_hash FROM events ORDER BY seq').raw().all() as unknown[][];
    const otherId = desk2.deviceId;
    expect(core.applyRemoteBlocks(otherId, 0, blocks.map((block) => JSON.stringify(block)))).toMatchObject({ applied: 2, setAside: 0 });
    core.db.transaction(() => rememberMember(core.store, { deviceId: otherId, coreKey: 'ab'.repeat(32), name: 'Reception 2' }, 0))();
    tamper(dir, (db) => db.prepare("UPDATE events SET wall_time = wall_time + 1 WHERE origin = ? AND seq = 2").run(otherId));
    const { status } = await restart(dir, core);
    expect(auditNotices(status)[0]).toContain('On Reception 2: record 2 was changed after it was written.');
  });
});

describe('events from before the chain', () => {
  const OWN = '00000000000000a1';
  const OTHER = '00000000000000b2';

  /** A schema-4 database as the version before this one left it: two PCs' events, each with a content-only hash. */
  function schema4(): string {
    const dir = temps.make();
    const raw = new Database(path.join(dir, DATABASE_FILE));
    raw.pragma('journal_mode = WAL');
    migrate(raw, loadMigrations(MIGRATIONS_DIR).filter((migration) => migration.version <= 4));
    raw.prepare('INSERT INTO device (id, device_id, created_at) VALUES (1, ?, 0)').run(OWN);
    const insert = raw.prepare('INSERT INTO events (origin, seq, hlc, wall_time, type, schema_version, body, hash) VALUES (@origin, @seq, @hlc, @wall_time, @type, @schema_version, @body, @hash)');
    for (const origin of [OWN, OTHER]) {
      legacyEvents(origin, 3, 0).forEach((row) => insert.run(row));
    }
    raw.close();
    return dir;
  }

  function legacyEvents(origin: string, count: number, after: number): Row[] {
    return Array.from({ length: count }, (_, index) => {
      const seq = after + index + 1;
      const wall = Date.parse('2026-11-20T09:00:00Z') + seq * 60_000 + (origin === OWN ? 0 : 1);
      const row: Row = {
        origin,
        seq,
        hlc: encodeHlc({ wall, counter: 0, node: origin }),
        wall_time: wall,
        type: 'settings.updated',
        schema_version: 1,
        body: JSON.stringify({ changes: { practiceName: `Riverside ${origin.slice(-2)} ${seq}` } }),
        hash: '',
        actor: null,
        prev_hash: null,
      };
      return { ...row, hash: contentHash(row) };
    });
  }

  const asBlock = (row: Row) => JSON.stringify([row.origin, row.seq, row.hlc, row.wall_time, row.type, row.schema_version, row.body, row.hash]);

  it('still verify after the update, and the first new event links to the last old one', async () => {
    const dir = schema4();
    const core = open(dir);
    expect((await core.auditTrail.settled()).result).toBe('intact');
    must(core.call('settings.update', { practiceName: 'Riverside Surgery' }));
    const rows = rowsOf(core.db, OWN);
    expect(rows.map((row) => row.prev_hash)).toEqual([null, null, null, rows[2]?.hash]);
    core.auditTrail.check();
    expect(await core.auditTrail.settled()).toMatchObject({ result: 'intact', events: 7 });
  });

  it('that were edited by hand are still found', async () => {
    const dir = schema4();
    tamper(dir, (db) => db.prepare("UPDATE events SET body = json_set(body, '$.changes.practiceName', 'Elsewhere') WHERE origin = ? AND seq = 2").run(OTHER));
    const core = open(dir);
    await core.auditTrail.settled();
    expect(auditNotices(must(core.call('system.status', {})))[0]).toContain(`On the PC with id ${OTHER}: record 2 was changed after it was written.`);
  });

  it('cannot be imitated: a new event turned back into the old format is found', async () => {
    const dir = schema4();
    const core = open(dir);
    must(core.call('device.update', { deviceName: 'Desk 1' }));
    must(core.call('settings.update', { practiceName: 'Riverside Surgery' }));
    must(core.call('settings.update', { practiceName: 'Riverside Health Centre' }));
    tamper(dir, (db) => {
      for (const row of rowsOf(db, OWN).filter((each) => each.prev_hash !== null)) {
        const old = { ...row, prev_hash: null, actor: null };
        db.prepare('UPDATE events SET prev_hash = NULL, hash = ? WHERE origin = ? AND seq = ?').run(contentHash(old), OWN, row.seq);
      }
    });
    const { status } = await restart(dir, core);
    expect(auditNotices(status)[0]).toContain('On Desk 1 (this PC): records 4 to 5 were changed after they were written.');
  });

  it('are taken from the network in order while that PC had not yet been updated, and refused once its records are linked', async () => {
    const dir = schema4();
    const core = open(dir);
    // Desk B wrote two more before it was updated, then one linked to them.
    const [fourth, fifth] = legacyEvents(OTHER, 2, 3) as [Row, Row];
    expect(core.applyRemoteBlocks(OTHER, 3, [asBlock(fourth), asBlock(fifth)])).toMatchObject({ applied: 2, setAside: 0 });
    const [sixth] = legacyEvents(OTHER, 1, 5) as [Row];
    const linked = { ...sixth, actor: 'staff-3', prev_hash: fifth.hash };
    const linkedBlock = JSON.stringify([linked.origin, linked.seq, linked.hlc, linked.wall_time, linked.type, linked.schema_version, linked.body, chainedHash(linked), linked.actor, linked.prev_hash]);
    expect(core.applyRemoteBlocks(OTHER, 5, [linkedBlock])).toMatchObject({ applied: 1, setAside: 0 });
    // An old-format block after a linked one is set aside.
    const [seventh] = legacyEvents(OTHER, 1, 6) as [Row];
    expect(core.applyRemoteBlocks(OTHER, 6, [asBlock(seventh)])).toMatchObject({ applied: 0, setAside: 1 });
    expect(core.db.prepare('SELECT seq, reason FROM network_set_aside').all()).toEqual([
      { seq: 7, reason: 'it is in the old format, without a link, after that PC’s records became linked' },
    ]);
    core.auditTrail.check();
    expect(await core.auditTrail.settled()).toMatchObject({ result: 'intact', events: 3 + 6 });
    expect(rowsOf(core.db, OTHER).map((row) => row.actor)).toEqual([null, null, null, null, null, 'staff-3']);
  });
});

describe('another PC’s linked events', () => {
  it('are set aside when their link does not match the event held before them, and the check after the catch-up stays intact', async () => {
    const a = desk(3);
    const b = open(temps.make());
    const rows = a.core.db.prepare('SELECT origin, seq, hlc, wall_time, type, schema_version, body, hash, actor, prev_hash FROM events WHERE origin = ? ORDER BY seq').all(a.origin) as Row[];
    const block = (row: Row) => JSON.stringify([row.origin, row.seq, row.hlc, row.wall_time, row.type, row.schema_version, row.body, row.hash, row.actor, row.prev_hash]);
    expect(b.applyRemoteBlocks(a.origin, 0, rows.slice(0, 3).map(block))).toMatchObject({ applied: 3 });
    const fourth = rows[3] as Row;
    const wrongLink = { ...fourth, prev_hash: 'ee'.repeat(32) };
    expect(b.applyRemoteBlocks(a.origin, 3, [block({ ...wrongLink, hash: chainedHash(wrongLink) })])).toEqual({ applied: 0, duplicates: 0, setAside: 1, alarms: 0, upTo: 4 });
    expect(b.db.prepare('SELECT origin, seq, reason FROM network_set_aside').all()).toEqual([{ origin: a.origin, seq: 4, reason: 'its link does not match record 3 of that PC held here' }]);
    // The catch-up ran the check: what was set aside is no gap in the audit trail.
    expect(await b.auditTrail.settled()).toMatchObject({ result: 'intact', events: 3 });
  });

  it('that arrive after a hand edit are followed by a check that finds it', async () => {
    const a = desk(2);
    const dir = temps.make();
    const b = open(dir);
    const rows = () => (a.core.db.prepare('SELECT origin, seq, hlc, wall_time, type, schema_version, body, hash, actor, prev_hash FROM events WHERE origin = ? ORDER BY seq').raw().all(a.origin) as unknown[][]).map((row) => JSON.stringify(row));
    b.applyRemoteBlocks(a.origin, 0, rows());
    await b.auditTrail.settled();
    tamper(dir, (db) => db.prepare("UPDATE events SET hlc = hlc || 'x' WHERE origin = ? AND seq = 1").run(a.origin));
    const gp = must(a.core.call('clinician.list', {}))[0]?.id ?? '';
    must(a.core.call('contact.record', { clinicianId: gp, typeId: 'telephone' }));
    expect(b.applyRemoteBlocks(a.origin, 3, rows().slice(3))).toMatchObject({ applied: 1 });
    await b.auditTrail.settled();
    expect(auditNotices(must(b.call('system.status', {})))[0]).toContain(`On the PC with id ${a.origin}: record 1 was changed after it was written.`);
  });
});
