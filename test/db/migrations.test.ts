import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../main/core/db/dataDir.ts';
import { loadMigrations } from '../../main/core/db/migrations.ts';
import { hashEvent } from '../../main/core/events/eventLog.ts';
import { FakeClock, MIGRATIONS_DIR, must, openTestCore, startupFailure, tempDirs } from '../helpers/fixtures.ts';
import { folderFingerprint, schemaOf } from '../helpers/dbInspect.ts';

const temps = tempDirs();
afterEach(temps.removeAll);
const workspace = temps.make;

/** Events as an older app wrote them, one origin, in order from 09:00 on 20 November 2026. */
function insertEvents(raw: Database.Database, origin: string, schemaVersion: number, events: [string, object][], apartMs: number): void {
  events.forEach(([type, body], index) => {
    const unsigned = {
      origin,
      seq: index + 1,
      hlc: `000mwm0nk${String(index).padStart(2, '0')}-00000-${origin}`,
      wallTime: Date.parse('2026-11-20T09:00:00Z') + index * apartMs,
      type,
      schemaVersion,
      body: JSON.stringify(body),
      actor: null,
      prevHash: null,
    };
    raw.prepare('INSERT INTO events VALUES (@origin, @seq, @hlc, @wallTime, @type, @schemaVersion, @body, @hash)').run({ origin: unsigned.origin, seq: unsigned.seq, hlc: unsigned.hlc, wallTime: unsigned.wallTime, type, schemaVersion, body: unsigned.body, hash: hashEvent(unsigned) });
  });
}

function seededDatabase(dataDir: string): void {
  const core = openTestCore(dataDir, { clock: new FakeClock('2026-11-20T10:00:00Z') });
  const clinician = must(core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner' }));
  must(core.call('contact.record', { clinicianId: clinician.id, typeId: 'telephone' }));
  core.close();
}


describe('migrations', () => {
  it('migrate an empty database to the committed schema', () => {
    const dir = workspace();
    const core = openTestCore(dir);
    const snapshot = readFileSync(path.join(import.meta.dirname, 'schema.snapshot.sql'), 'utf8');
    expect(schemaOf(core.db)).toBe(snapshot);
    expect(core.db.pragma('user_version', { simple: true })).toBe(loadMigrations(MIGRATIONS_DIR).length);
    core.close();
  });

  it('are numbered without gaps', () => {
    const dir = workspace();
    writeFileSync(path.join(dir, '0001_a.sql'), 'SELECT 1;');
    writeFileSync(path.join(dir, '0003_c.sql'), 'SELECT 1;');
    expect(() => loadMigrations(dir)).toThrow(/without gaps/);
  });

  it('leave the file byte for byte as it was when one of them fails', () => {
    const dataDir = workspace();
    const oldMigrations = workspace();
    copyFileSync(path.join(MIGRATIONS_DIR, '0001_init.sql'), path.join(oldMigrations, '0001_init.sql'));
    seededDatabase(dataDir);
    const before = folderFingerprint(dataDir);

    const brokenMigrations = workspace();
    for (const migration of loadMigrations(MIGRATIONS_DIR)) {
      writeFileSync(path.join(brokenMigrations, `${String(migration.version).padStart(4, '0')}_${migration.name}.sql`), migration.sql);
    }
    const next = String(loadMigrations(MIGRATIONS_DIR).length + 1).padStart(4, '0');
    // The first statements succeed, then one fails: all of it must roll back.
    writeFileSync(
      path.join(brokenMigrations, `${next}_broken.sql`),
      "CREATE TABLE half_done (a INTEGER);\nINSERT INTO half_done VALUES (1);\nUPDATE clinicians SET name = 'changed';\nINSERT INTO no_such_table VALUES (1);\n",
    );

    const failure = startupFailure(() => openTestCore(dataDir, { migrationsDir: brokenMigrations }));
    expect(failure.failure).toBe('migration_failed');
    expect(failure.message).toContain('Nothing was changed');
    expect(failure.message).toContain('broken');
    // The database's files as they were; beside them, the checked copy made before the update was tried.
    const { backups, ...after } = folderFingerprint(dataDir);
    expect(after).toEqual(before);
    expect(backups).toBe('folder');
    expect(readdirSync(path.join(dataDir, 'backups')).filter((name) => name.endsWith('-before-update.db'))).toHaveLength(1);

    // And the app that knows only the landed migrations still opens it, data intact.
    const core = openTestCore(dataDir);
    expect(must(core.call('board.today', {})).rows.map((row) => row.name)).toEqual(['Dr Ada Patel']);
    core.close();
  });

  it('refuse a database written by a newer version and leave it untouched', () => {
    const dataDir = workspace();
    seededDatabase(dataDir);
    const raw = new Database(path.join(dataDir, DATABASE_FILE));
    raw.pragma('user_version = 50');
    raw.close();
    const before = folderFingerprint(dataDir);

    const failure = startupFailure(() => openTestCore(dataDir));
    expect(failure.failure).toBe('newer_database');
    expect(failure.message).toContain('newer version of ContactCap');
    expect(folderFingerprint(dataDir)).toEqual(before);
  });
});

describe('every open', () => {
  it('sets WAL, synchronous FULL, foreign keys and the busy timeout, also after a reopen', () => {
    const dataDir = workspace();
    for (let round = 0; round < 2; round++) {
      const core = openTestCore(dataDir);
      expect(core.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(core.db.pragma('synchronous', { simple: true })).toBe(2);
      expect(core.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(core.db.pragma('busy_timeout', { simple: true })).toBe(5000);
      core.close();
    }
  });

  it('keeps the device id across reopens', () => {
    const dataDir = workspace();
    const first = openTestCore(dataDir);
    const deviceId = first.deviceId;
    first.close();
    const second = openTestCore(dataDir);
    expect(second.deviceId).toBe(deviceId);
    expect(deviceId).toMatch(/^[0-9a-f]{16}$/);
    second.close();
  });

  it('creates the data folder when it does not exist yet', () => {
    const dataDir = path.join(workspace(), 'nested', 'ContactCap');
    mkdirSync(path.dirname(dataDir), { recursive: true });
    const core = openTestCore(dataDir);
    expect(core.databasePath).toBe(path.join(dataDir, DATABASE_FILE));
    core.close();
  });
});

describe('migration 2 (reception desk)', () => {
  it('keeps every clinician, contact and void written by schema 1, refilling the reshaped tables from the log', () => {
    const dataDir = workspace();
    const file = path.join(dataDir, DATABASE_FILE);
    const raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    raw.exec(readFileSync(path.join(MIGRATIONS_DIR, '0001_init.sql'), 'utf8'));
    raw.pragma('user_version = 1');
    raw.prepare('INSERT INTO device (id, device_id, created_at) VALUES (1, ?, ?)').run('00000000000000a1', 0);
    // Events exactly as the schema-1 app wrote them (version 1 bodies: "mode", no session, no author).
    const v1Events: [string, object][] = [
      ['clinician.created', { clinicianId: 'c1', name: 'Dr Ada Patel', role: 'gp_partner', dailyCap: 25 }],
      ['clinician.created', { clinicianId: 'c2', name: 'Ben Okafor', role: 'practice_nurse', dailyCap: 18 }],
      ['clinician.updated', { clinicianId: 'c2', changes: { name: 'Ben Okafor ANP' } }],
      ['contact.recorded', { contactId: 'k1', clinicianId: 'c1', mode: 'telephone', occurredAt: Date.parse('2026-11-20T09:10:00Z'), practiceDay: '2026-11-20' }],
      ['contact.recorded', { contactId: 'k2', clinicianId: 'c1', mode: 'home_visit', occurredAt: Date.parse('2026-11-20T14:30:00Z'), practiceDay: '2026-11-20' }],
      ['contact.recorded', { contactId: 'k3', clinicianId: 'c2', mode: 'video', occurredAt: Date.parse('2026-11-20T10:00:00Z'), practiceDay: '2026-11-20' }],
      ['contact.voided', { contactId: 'k3', reason: 'Wrong clinician' }],
    ];
    insertEvents(raw, '00000000000000a1', 1, v1Events, 1000);
    raw.close();

    const core = openTestCore(dataDir, { clock: new FakeClock('2026-11-20T17:00:00Z') });
    expect(core.db.pragma('user_version', { simple: true })).toBe(loadMigrations(MIGRATIONS_DIR).length);
    expect(core.db.prepare('SELECT count(*) FROM maintenance').pluck().get()).toBe(0);
    const clinicians = must(core.call('clinician.list', {}));
    // Sorted by name with titles ignored: Dr Ada Patel sorts under A.
    expect(clinicians.map((c) => [c.name, c.initials, c.role, c.dailyCap])).toEqual([
      ['Dr Ada Patel', 'AP', 'gp_partner', 25],
      ['Ben Okafor ANP', 'BO', 'practice_nurse', 18],
    ]);
    const contacts = must(core.call('contact.listForDay', { day: '2026-11-20' }));
    expect(contacts.map((c) => [c.id, c.typeId, c.session, c.counts, c.voided?.reason ?? null])).toEqual([
      ['k2', 'home_visit', 'pm', true, null],
      ['k3', 'video', 'am', true, 'Wrong clinician'],
      ['k1', 'telephone', 'am', true, null],
    ]);
    // Two more events: at the first start each clinician is given a desk key of their own, in board
    // order (by surname: "ANP" is Ben's last word, so he comes before Patel).
    expect(core.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(9);
    expect(must(core.call('board.today', {})).rows.map((row) => [row.name, row.key])).toEqual([
      ['Ben Okafor ANP', '1'],
      ['Dr Ada Patel', '2'],
    ]);
    core.close();
    // Given once: a second start writes nothing more.
    const again = openTestCore(dataDir, { clock: new FakeClock('2026-11-20T17:05:00Z') });
    expect(again.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(9);
    again.close();
  });
});

describe('migration 3 (desk safety)', () => {
  it('keeps every contact of schema 2 in its recording order, counts the voided ones out through live_contacts, and adds late entries and request ids empty', () => {
    const dataDir = workspace();
    const file = path.join(dataDir, DATABASE_FILE);
    const raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    for (const migration of loadMigrations(MIGRATIONS_DIR).filter((each) => each.version <= 2)) raw.exec(migration.sql);
    raw.exec('DELETE FROM maintenance');
    raw.pragma('user_version = 2');
    raw.prepare('INSERT INTO device (id, device_id, created_at) VALUES (1, ?, ?)').run('00000000000000b2', 0);
    const events: [string, object][] = [
      ['clinician.created', { clinicianId: 'c1', name: 'Dr Ada Patel', role: 'gp_partner', dailyCap: 2, initials: 'AP', capped: null, amCap: null, pmCap: null }],
      ...['k1', 'k2', 'k3'].map((contactId, index): [string, object] => [
        'contact.recorded',
        { contactId, clinicianId: 'c1', typeId: 'telephone', counts: true, occurredAt: Date.parse('2026-11-20T09:00:00Z') + index * 60_000, practiceDay: '2026-11-20', session: 'am', overCapReason: null, recordedBy: 'JB', device: 'Desk 1' },
      ]),
      ['contact.voided', { contactId: 'k1', reason: 'Wrong clinician' }],
    ];
    insertEvents(raw, '00000000000000b2', 2, events, 60_000);
    // Schema 2's projections, as that app wrote them.
    raw.prepare("INSERT INTO config (entity, entity_id, data, created_hlc) VALUES ('clinician', 'c1', ?, ?)").run(
      JSON.stringify({ name: 'Dr Ada Patel', initials: 'AP', role: 'gp_partner', capped: null, dailyCap: 2, amCap: null, pmCap: null, active: true }),
      '000mwm0nk00-00000-00000000000000b2',
    );
    ['k1', 'k2', 'k3'].forEach((id, index) => {
      raw
        .prepare(
          `INSERT INTO contacts (id, clinician_id, type_id, counts, occurred_at, recorded_at, practice_day, session, over_cap_reason, recorded_by, device, hlc, origin, seq)
           VALUES (?, 'c1', 'telephone', 1, ?, ?, '2026-11-20', 'am', NULL, 'JB', 'Desk 1', ?, '00000000000000b2', ?)`,
        )
        .run(id, Date.parse('2026-11-20T09:00:00Z') + index * 60_000, Date.parse('2026-11-20T09:01:00Z') + index * 60_000, `000mwm0nk${String(index + 1).padStart(2, '0')}-00000-00000000000000b2`, index + 2);
    });
    raw.prepare("INSERT INTO voids VALUES ('contact', 'k1', 'Wrong clinician', 0, '000mwm0nk04-00000-00000000000000b2', '00000000000000b2', 5)").run();
    raw.close();

    const core = openTestCore(dataDir, { clock: new FakeClock('2026-11-20T10:00:00Z') });
    // Migrated through to the newest schema.
    expect(core.db.pragma('user_version', { simple: true })).toBe(loadMigrations(MIGRATIONS_DIR).length);
    expect(core.db.prepare('SELECT id, order_key = hlc AS same, late_reason FROM contacts ORDER BY id').all()).toEqual([
      { id: 'k1', same: 1, late_reason: null },
      { id: 'k2', same: 1, late_reason: null },
      { id: 'k3', same: 1, late_reason: null },
    ]);
    expect(core.db.prepare('SELECT id FROM live_contacts ORDER BY id').pluck().all()).toEqual(['k2', 'k3']);
    expect(core.db.prepare('SELECT count(*) FROM requests').pluck().get()).toBe(0);
    // k1 is voided: 2 of a cap of 2, full, and nobody is over the cap.
    expect(must(core.call('board.today', {})).rows[0]).toMatchObject({ used: 2, cap: 2, state: 'full', key: '1' });
    expect(must(core.call('contact.listForDay', { day: '2026-11-20' })).map((contact) => [contact.id, contact.overCap])).toEqual([
      ['k3', false],
      ['k2', false],
      ['k1', false],
    ]);
    core.close();
  });
});
