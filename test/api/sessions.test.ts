import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/createCore.ts';
import { alternativesFor } from '../../shared/routing.ts';
import { must, type FakeClock } from '../helpers/fixtures.ts';
import { closeAllCores, expectRefusedUnchanged, openCore, TODAY } from './apiHarness.ts';
import { addClinician, board, MINUTE, recordSeries, rowOf } from './deskSafetyHarness.ts';

/**
 * DOMAIN.md §7, "a clinician whose sessions have ended shown as having room":
 * once a working clinician's last session has ended (the afternoon at the
 * practice's day end, 18:30 by default; the morning at the session split,
 * 13:00) they are finished for today. Monday 23 November 2026, GMT, so the
 * times below are London times.
 */

afterEach(closeAllCores);

const names = (core: Core, rows: readonly { clinicianId: string }[]) => {
  const byId = new Map(board(core).rows.map((row) => [row.clinicianId, row.name]));
  return rows.map((row) => byId.get(row.clinicianId));
};

describe('finished for today', () => {
  it('shows a clinician working until 18:29 and finished from 18:30, and never offers them as an alternative', () => {
    const { core, clock } = openCore('2026-11-23T18:29:00Z');
    const amara = addClinician(core, 'Dr Amara Okafor', 'gp_partner', { dailyCap: 1 });
    const dev = addClinician(core, 'Dr Dev Shah');
    must(core.call('contact.record', { clinicianId: amara.id }));
    expect(rowOf(core, dev.id)).toMatchObject({ status: 'working', working: true, used: 0, remaining: 25 });
    expect(names(core, alternativesFor(board(core).rows, amara.id))).toEqual(['Dr Dev Shah']);

    clock.set('2026-11-23T18:30:00Z');
    // Still on the rota today, with room on paper, but finished.
    expect(rowOf(core, dev.id)).toMatchObject({ status: 'finished', working: true, used: 0, remaining: 25 });
    expect(alternativesFor(board(core).rows, amara.id)).toEqual([]);
  });

  it('refuses a routine contact for a finished clinician, saying they have finished, and changes nothing', async () => {
    const opened = openCore('2026-11-23T19:00:00Z');
    const dev = addClinician(opened.core, 'Dr Dev Shah');
    await expectRefusedUnchanged(opened, 'contact.record', { clinicianId: dev.id, typeId: 'telephone' }, {
      code: 'at_capacity',
      field: 'clinicianId',
      phrase: 'Dr Dev Shah has finished for today',
    });
    expect(rowOf(opened.core, dev.id)).toMatchObject({ status: 'finished', used: 0 });
  });

  it('accepts a contact backdated to a time inside the clinician’s session, without a reason', () => {
    const { core } = openCore('2026-11-23T19:00:00Z');
    const dev = addClinician(core, 'Dr Dev Shah');
    const contact = must(core.call('contact.record', { clinicianId: dev.id, typeId: 'telephone', occurredAt: '2026-11-23T18:00:00Z' }));
    expect(contact).toMatchObject({ occurredAt: '2026-11-23T18:00:00.000Z', recordedAt: '2026-11-23T19:00:00.000Z', session: 'pm', overCapReason: null, overCap: false, lateReason: null });
    expect(rowOf(core, dev.id)).toMatchObject({ status: 'finished', used: 1 });
    // Backdated to after 18:30 it is refused like any contact after the day's end.
    expect(core.call('contact.record', { clinicianId: dev.id, occurredAt: '2026-11-23T18:45:00Z' })).toMatchObject({ ok: false, error: { code: 'at_capacity' } });
  });

  it('always records an urgent contact for a finished clinician; with room to spare it is kept but not urgent over the cap', () => {
    const { core } = openCore('2026-11-23T19:00:00Z');
    const dev = addClinician(core, 'Dr Dev Shah');
    const urgent = must(core.call('contact.record', { clinicianId: dev.id, typeId: 'telephone', overCapReason: 'Chest pain, still in the building' }));
    expect(urgent).toMatchObject({ clinicianId: dev.id, overCapReason: 'Chest pain, still in the building', overCap: false, voided: null });
    expect(rowOf(core, dev.id)).toMatchObject({ status: 'finished', used: 1, urgentOverCap: 0 });
  });

  it('finishes a morning-only clinician at the session split, and follows the split when the practice moves it', () => {
    const { core, clock } = openCore('2026-11-23T12:59:00Z');
    const ivo = addClinician(core, 'Dr Ivo Marsh');
    must(core.call('rota.setDay', { clinicianId: ivo.id, day: TODAY, override: { am: true, pm: false } }));
    expect(rowOf(core, ivo.id)).toMatchObject({ status: 'working', sessions: { am: true, pm: false } });
    clock.set('2026-11-23T13:00:00Z');
    expect(rowOf(core, ivo.id)).toMatchObject({ status: 'finished', sessions: { am: true, pm: false } });
    expect(core.call('contact.record', { clinicianId: ivo.id })).toMatchObject({
      ok: false,
      error: { code: 'at_capacity', message: expect.stringContaining('Dr Ivo Marsh has finished for today') as unknown },
    });

    clock.set('2026-11-23T12:40:00Z');
    expect(rowOf(core, ivo.id).status).toBe('working');
    must(core.call('settings.update', { sessionSplit: '12:30' }));
    expect(rowOf(core, ivo.id).status).toBe('finished');
  });

  it('finishes afternoon clinicians at the practice’s own day end', () => {
    const { core, clock } = openCore('2026-11-23T16:59:00Z');
    const dev = addClinician(core, 'Dr Dev Shah');
    must(core.call('settings.update', { dayEnd: '17:00' }));
    expect(rowOf(core, dev.id).status).toBe('working');
    clock.set('2026-11-23T17:00:00Z');
    expect(rowOf(core, dev.id).status).toBe('finished');
    must(core.call('settings.update', { dayEnd: '20:00' }));
    expect(rowOf(core, dev.id).status).toBe('working');
  });

  it('finishes clinicians in session mode too: the morning-only one at the split, the full-day one at the day end', () => {
    const { core, clock } = openCore('2026-11-23T13:30:00Z');
    must(core.call('settings.update', { capMode: 'session' }));
    const ivo = addClinician(core, 'Dr Ivo Marsh');
    const dev = addClinician(core, 'Dr Dev Shah');
    must(core.call('rota.setDay', { clinicianId: ivo.id, day: TODAY, override: { am: true, pm: false } }));
    expect(rowOf(core, ivo.id)).toMatchObject({ status: 'finished', cap: 0 });
    expect(rowOf(core, dev.id)).toMatchObject({ status: 'working', cap: 12, remaining: 12 });
    clock.set('2026-11-23T18:30:00Z');
    expect(rowOf(core, dev.id)).toMatchObject({ status: 'finished', cap: 12, remaining: 12 });
    expect(core.call('contact.record', { clinicianId: dev.id })).toMatchObject({
      ok: false,
      error: { code: 'at_capacity', message: expect.stringContaining('Dr Dev Shah has finished for today') as unknown },
    });
  });
});

describe('the day end must come after the session split', () => {
  it('refuses a day end at or before the split, and a split at or after the day end, changing nothing', async () => {
    const opened = openCore();
    const expected = (field: 'dayEnd' | 'sessionSplit', starts: string) => ({ code: 'invalid_input' as const, field, phrase: `The afternoon must end after it starts (${starts})` });
    await expectRefusedUnchanged(opened, 'settings.update', { dayEnd: '12:00' }, expected('dayEnd', '13:00'));
    await expectRefusedUnchanged(opened, 'settings.update', { dayEnd: '13:00' }, expected('dayEnd', '13:00'));
    await expectRefusedUnchanged(opened, 'settings.update', { sessionSplit: '18:30' }, expected('sessionSplit', '18:30'));
    await expectRefusedUnchanged(opened, 'settings.update', { sessionSplit: '19:00' }, expected('sessionSplit', '19:00'));
    await expectRefusedUnchanged(opened, 'settings.update', { sessionSplit: '14:00', dayEnd: '13:59' }, expected('dayEnd', '14:00'));
    expect(must(opened.core.call('settings.get', {}))).toMatchObject({ sessionSplit: '13:00', dayEnd: '18:30' });
    // One minute after the split is allowed.
    expect(must(opened.core.call('settings.update', { sessionSplit: '14:00', dayEnd: '14:01' }))).toMatchObject({ sessionSplit: '14:00', dayEnd: '14:01' });
  });
});

describe('alternatives when a clinician is full', () => {
  /** At 14:00: a full GP, GPs and nurses with room, and GPs who are finished or absent. */
  function afternoon(core: Core, clock: FakeClock) {
    const amara = addClinician(core, 'Dr Amara Okafor', 'gp_partner', { dailyCap: 2 });
    const dev = addClinician(core, 'Dr Dev Shah', 'salaried_gp', { dailyCap: 10 });
    const eve = addClinician(core, 'Dr Eve Ward', 'locum_gp', { dailyCap: 10 });
    const nia = addClinician(core, 'Nia Brook ANP', 'advanced_nurse_practitioner', { dailyCap: 3 });
    const oli = addClinician(core, 'Oli Grant ANP', 'advanced_nurse_practitioner', { dailyCap: 30 });
    addClinician(core, 'Nurse Ben Hale', 'practice_nurse');
    const fay = addClinician(core, 'Dr Fay Lowe', 'salaried_gp');
    const gus = addClinician(core, 'Dr Gus Reid', 'salaried_gp');
    must(core.call('rota.setDay', { clinicianId: fay.id, day: TODAY, override: { am: true, pm: false } }));
    must(core.call('rota.setDay', { clinicianId: gus.id, day: TODAY, override: { absent: true } }));
    // Amara 2 of 2 (full); Dev 2 of 10 (8 left); Eve 1 of 10 (9 left); Nia 3 of 3 (full); Oli 5 of 30 (25 left, more than any GP).
    recordSeries(core, clock, amara.id, 2, MINUTE);
    recordSeries(core, clock, dev.id, 2, MINUTE);
    recordSeries(core, clock, eve.id, 1, MINUTE);
    recordSeries(core, clock, nia.id, 3, MINUTE);
    recordSeries(core, clock, oli.id, 5, 0);
    return { amara, nia };
  }

  it('offers GPs for a GP’s patient first, most room first, then the nurses even with more room; never the finished, the absent or the full', () => {
    const { core, clock } = openCore('2026-11-23T14:00:00Z');
    const { amara } = afternoon(core, clock);
    expect(names(core, alternativesFor(board(core).rows, amara.id))).toEqual(['Dr Eve Ward', 'Dr Dev Shah', 'Oli Grant ANP', 'Nurse Ben Hale']);
  });

  it('offers nurses for a nurse’s patient first (capped with room, then not capped), then GPs by most room', () => {
    const { core, clock } = openCore('2026-11-23T14:00:00Z');
    const { nia } = afternoon(core, clock);
    expect(names(core, alternativesFor(board(core).rows, nia.id))).toEqual(['Oli Grant ANP', 'Nurse Ben Hale', 'Dr Eve Ward', 'Dr Dev Shah']);
  });
});
