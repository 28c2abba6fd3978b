import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/createCore.ts';
import type { AuditTrail } from '../../shared/audit.ts';
import { must } from '../helpers/fixtures.ts';
import { closeAllCores, openCore, TODAY } from './apiHarness.ts';

/**
 * The audit trail (issue 10 §2): every event names the member of staff signed
 * in and the PC, and a manager reads who changed what, filtered by person, kind
 * and date, on screen and as CSV.
 */

afterEach(closeAllCores);

const actors = (core: Core, type: string) => core.db.prepare('SELECT actor FROM events WHERE type = ? ORDER BY seq').pluck().all(type);

async function practice() {
  const opened = openCore('2026-11-23T09:00:00Z');
  const { core, clock } = opened;
  must(core.call('device.update', { deviceName: 'Reception 1' }));
  const ann = must(await core.call('staff.add', { name: 'Ann Admin', role: 'admin', pin: '2580' }));
  const rita = must(await core.call('staff.add', { name: 'Rita Reception', role: 'reception', pin: '1470' }));
  const amara = must(core.call('clinician.create', { name: 'Dr Amara Okafor', role: 'gp_partner' }));
  clock.advance(60_000);
  must(core.call('clinician.update', { clinicianId: amara.id, dailyCap: 24 }));
  must(core.call('session.signOut', {}));
  clock.advance(60_000);
  const unsigned = must(core.call('contact.record', { clinicianId: amara.id }));
  expect(await core.call('session.signIn', { staffId: rita.id, pin: '9999' })).toMatchObject({ ok: false });
  clock.advance(60_000);
  must(await core.call('session.signIn', { staffId: rita.id, pin: '1470' }));
  const contact = must(core.call('contact.record', { clinicianId: amara.id }));
  must(core.call('contact.void', { contactId: contact.id, reason: 'Wrong clinician chosen' }));
  must(core.call('session.signOut', {}));
  must(await core.call('session.signIn', { staffId: ann.id, pin: '2580' }));
  return { ...opened, ann, rita, amara, unsigned };
}

const list = (core: Core, input: Record<string, unknown>) => must(core.invoke('audit.list', { from: TODAY, to: TODAY, ...input }) as { ok: true; value: AuditTrail });

describe('every event names who and where', () => {
  it('stores the signed-in member of staff as the actor, and null when nobody is signed in', async () => {
    const { core, ann, rita } = await practice();
    expect(actors(core, 'clinician.created')).toEqual([ann.id]);
    expect(actors(core, 'contact.recorded')).toEqual([null, rita.id]);
    expect(actors(core, 'contact.voided')).toEqual([rita.id]);
  });
});

describe('the audit trail', () => {
  it('shows who changed a cap, at which PC and when, in words', async () => {
    const { core } = await practice();
    const caps = list(core, { kind: 'caps' });
    expect(caps.rows.map(({ staff, pc, summary, at }) => ({ staff, pc, summary, at }))).toEqual([
      { staff: 'Ann Admin', pc: 'Reception 1', summary: 'Changed Dr Amara Okafor: daily cap 24', at: Date.parse('2026-11-23T09:01:00Z') },
    ]);
  });

  it('filters by person: Rita’s wrong PIN, sign-in and void, and nothing of Ann’s', async () => {
    const { core, rita } = await practice();
    const ritas = list(core, { staffId: rita.id });
    expect(ritas.rows.map((row) => row.summary)).toEqual(['Rita Reception signed out', 'Voided a contact: Wrong clinician chosen', 'Rita Reception signed in']);
    expect(ritas.rows.every((row) => row.staff === 'Rita Reception')).toBe(true);
  });

  it('shows wrong PINs under sign-ins, made with nobody signed in', async () => {
    const { core } = await practice();
    const signIns = list(core, { kind: 'sign_ins', staffId: null });
    expect(signIns.rows.map((row) => row.summary)).toEqual(['Wrong PIN for Rita Reception']);
    expect(signIns.rows[0]?.staff).toBe('not signed in');
  });

  it('keeps to the dates asked for', async () => {
    const { core, clock } = await practice();
    clock.set('2026-11-24T10:00:00Z');
    // A day later the desk has long been idle: Ann signs in again.
    const ann = must(core.call('staff.list', {})).find((member) => member.name === 'Ann Admin');
    must(await core.call('session.signIn', { staffId: ann?.id ?? '', pin: '2580' }));
    must(core.call('settings.update', { warningPercent: 90 }));
    expect(list(core, { kind: 'settings' }).rows).toEqual([]);
    expect(list(core, { kind: 'settings', from: '2026-11-24', to: '2026-11-24' }).rows.map((row) => row.summary)).toEqual(['Changed the practice’s settings: warning level (%) 90']);
    expect(core.call('audit.list', { from: '2026-11-24', to: TODAY })).toMatchObject({ ok: false, error: { field: 'to' } });
  });

  it('records an export with patient identifiers, and not one without', async () => {
    const { core } = await practice();
    must(await core.call('export.build', { format: 'csv', table: 'redirections', from: TODAY, to: TODAY }));
    must(await core.call('export.build', { format: 'csv', table: 'redirections', from: TODAY, to: TODAY, includeIdentifiers: true }));
    expect(list(core, { kind: 'exports' }).rows.map((row) => [row.staff, row.summary])).toEqual([
      ['Ann Admin', `Exported redirections (csv) with patient identifiers, ${TODAY} to ${TODAY}`],
    ]);
  });

  it('never shows a PIN’s hash, only that a PIN was set', async () => {
    const { core, rita } = await practice();
    must(await core.call('staff.setPin', { staffId: rita.id, pin: '5937' }));
    const staff = list(core, { kind: 'staff' });
    expect(staff.rows[0]?.summary).toBe('Changed Rita Reception: a new PIN');
    expect(JSON.stringify(staff)).not.toContain('argon2');
  });

  it('saves as CSV with a header, practice times and formulae defused', async () => {
    const { core, amara } = await practice();
    must(core.call('device.update', { deviceName: '=Reception 1' }));
    must(core.call('clinician.rename', { clinicianId: amara.id, name: 'Dr Amara Okafor-Reid' }));
    const file = must(core.call('audit.csv', { from: TODAY, to: TODAY, kind: 'clinicians' }));
    expect(file.fileName).toBe(`contactcap-audit-${TODAY}-to-${TODAY}.csv`);
    const lines = file.csv.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toBe('when,pc,staff,kind,what,pc_id,sequence');
    expect(lines.at(-1)).toMatch(/^2026-11-23T09:00:00\+00:00,"'=Reception 1",Ann Admin,Clinicians,Added Dr Amara Okafor,[0-9a-f]+,\d+$/);
    expect(lines[1]).toMatch(/^2026-11-23T09:03:00\+00:00,"'=Reception 1",Ann Admin,Clinicians,Changed Dr Amara Okafor-Reid: name Dr Amara Okafor-Reid,/);
  });

  it('names a role’s default cap in words', async () => {
    const { core } = await practice();
    must(core.call('settings.update', { roleDefaults: { practice_nurse: { capped: true, dailyCap: 20 } } }));
    expect(list(core, { kind: 'caps' }).rows[0]?.summary).toBe('Changed the practice’s settings: default for Practice nurse: capped yes, daily cap 20');
  });
});

