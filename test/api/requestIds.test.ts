import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/createCore.ts';
import { rebuildProjections } from '../../main/core/events/rebuild.ts';
import { startHost } from '../../main/web-shell/server.ts';
import { FakeClock, must, openTestCore, ROOT, tempDir } from '../helpers/fixtures.ts';
import { callHost, spawnHost, stopHost, workingAllDay } from '../helpers/host.ts';
import { closeAllCores, expectRefusedUnchanged, openCore, SERVICES, snapshot } from './apiHarness.ts';
import { addClinician, closeRestartables, MINUTE, openRestartable, recordSeries, rowOf } from './deskSafetyHarness.ts';

/**
 * DOMAIN.md §7, "a retry after a lost answer counting one patient twice": a
 * record carrying a request id seen before records nothing more and answers as
 * the first time did. Monday 23 November 2026, 09:00 GMT unless said otherwise.
 */

afterEach(() => {
  closeAllCores();
  closeRestartables();
});

const REQUEST = 'desk1-request-0001';

function counts(core: Core) {
  const count = (table: string) => core.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return { events: count('events'), contacts: count('contacts'), redirections: count('redirections'), deferrals: count('deferrals'), requests: count('requests') };
}

describe('contact.record with a request id', () => {
  it('records once when the same id comes twice, and answers the retry with the first contact: same id and times', () => {
    const { core, clock } = openCore();
    const amara = addClinician(core, 'Dr Amara Okafor');
    const before = counts(core);
    const first = must(core.call('contact.record', { clinicianId: amara.id, typeId: 'telephone', requestId: REQUEST }));
    expect(first).toMatchObject({ clinicianId: amara.id, occurredAt: '2026-11-23T09:00:00.000Z', recordedAt: '2026-11-23T09:00:00.000Z' });
    // The answer was lost; the desk sends the same request again two seconds later.
    clock.advance(2000);
    const retry = must(core.call('contact.record', { clinicianId: amara.id, typeId: 'telephone', requestId: REQUEST }));
    expect(retry).toEqual(first);
    expect(counts(core)).toEqual({ ...before, events: before.events + 1, contacts: 1, requests: 1 });
    expect(rowOf(core, amara.id)).toMatchObject({ used: 1, dayUsed: 1 });
    expect(must(core.call('contact.listForDay', {})).map((contact) => contact.id)).toEqual([first.id]);
  });

  it('answers a retry that asks for the board with the first contact and today’s board, still counting one', () => {
    const { core, clock } = openCore();
    const amara = addClinician(core, 'Dr Amara Okafor');
    const first = must(core.call('contact.record', { clinicianId: amara.id, requestId: REQUEST, withBoard: true }));
    clock.advance(MINUTE);
    const retry = must(core.call('contact.record', { clinicianId: amara.id, requestId: REQUEST, withBoard: true }));
    const { board: firstBoard, ...firstContact } = first;
    const { board: retryBoard, ...retryContact } = retry;
    expect(retryContact).toEqual(firstContact);
    expect(firstBoard?.rows[0]).toMatchObject({ clinicianId: amara.id, used: 1 });
    expect(retryBoard?.rows[0]).toMatchObject({ clinicianId: amara.id, used: 1 });
  });

  it('answers the retry of the contact that filled the day with that contact, never with “full”', () => {
    const opened = openCore();
    const { core, clock } = opened;
    const amara = addClinician(core, 'Dr Amara Okafor');
    recordSeries(core, clock, amara.id, 24, MINUTE);
    clock.advance(MINUTE);
    const twentyFifth = must(core.call('contact.record', { clinicianId: amara.id, requestId: REQUEST }));
    expect(rowOf(core, amara.id)).toMatchObject({ used: 25, cap: 25, state: 'full' });
    clock.advance(5000);
    expect(must(core.call('contact.record', { clinicianId: amara.id, requestId: REQUEST }))).toEqual(twentyFifth);
    expect(rowOf(core, amara.id)).toMatchObject({ used: 25, state: 'full', urgentOverCap: 0 });
  });

  it('refuses the same id for another clinician, and nothing is written', async () => {
    const opened = openCore();
    const { core } = opened;
    const amara = addClinician(core, 'Dr Amara Okafor');
    const dev = addClinician(core, 'Dr Dev Shah');
    must(core.call('contact.record', { clinicianId: amara.id, requestId: REQUEST }));
    await expectRefusedUnchanged(
      opened,
      'contact.record',
      { clinicianId: dev.id, requestId: REQUEST },
      { code: 'conflict', field: 'requestId', phrase: 'already used to record a contact for another clinician' },
    );
    expect(rowOf(core, dev.id).used).toBe(0);
  });

  it('refuses an id already used for a contact when it comes with a redirection or a deferral, and nothing is written', async () => {
    const opened = openCore();
    const amara = addClinician(opened.core, 'Dr Amara Okafor');
    must(opened.core.call('contact.record', { clinicianId: amara.id, requestId: REQUEST }));
    await expectRefusedUnchanged(
      opened,
      'redirection.record',
      { destinationId: SERVICES.utc, reason: 'clinician_at_capacity', patientTold: true, requestId: REQUEST },
      { code: 'conflict', field: 'requestId', phrase: 'already used to record a contact, so it cannot record a redirection' },
    );
    await expectRefusedUnchanged(
      opened,
      'deferral.record',
      { kind: 'waiting_list', patientTold: true, requestId: REQUEST },
      { code: 'conflict', field: 'requestId', phrase: 'already used to record a contact, so it cannot record a deferral' },
    );
  });

  it('records again after a refusal: a refused request used no id', () => {
    const { core, clock } = openCore();
    const amara = addClinician(core, 'Dr Amara Okafor', 'gp_partner', { dailyCap: 1 });
    must(core.call('contact.record', { clinicianId: amara.id }));
    clock.advance(MINUTE);
    const refused = core.call('contact.record', { clinicianId: amara.id, requestId: REQUEST });
    expect(refused).toMatchObject({ ok: false, error: { code: 'at_capacity' } });
    const urgent = must(core.call('contact.record', { clinicianId: amara.id, requestId: REQUEST, overCapReason: 'Chest pain' }));
    expect(urgent).toMatchObject({ overCapReason: 'Chest pain', overCap: true });
    expect(rowOf(core, amara.id)).toMatchObject({ used: 2, urgentOverCap: 1 });
  });
});

describe('redirection.record and deferral.record with a request id', () => {
  it('records a redirection once and answers the retry with the first one and its warnings', () => {
    const { core, clock } = openCore();
    const first = must(core.call('redirection.record', { destinationId: SERVICES.nhs111, reason: 'clinician_at_capacity', patientTold: true, requestId: REQUEST }));
    expect(first.warnings).toHaveLength(1);
    clock.advance(3000);
    expect(must(core.call('redirection.record', { destinationId: SERVICES.nhs111, reason: 'clinician_at_capacity', patientTold: true, requestId: REQUEST }))).toEqual(first);
    expect(must(core.call('redirection.listForDay', {})).map((redirection) => redirection.id)).toEqual([first.redirection.id]);
    expect(must(core.call('report.day', { day: '2026-11-23' })).redirections.total).toBe(1);
  });

  it('refuses the same id for a redirection to another service, or for a contact, and nothing is written', async () => {
    const opened = openCore();
    const amara = addClinician(opened.core, 'Dr Amara Okafor');
    must(opened.core.call('redirection.record', { destinationId: SERVICES.utc, reason: 'clinician_at_capacity', patientTold: true, requestId: REQUEST }));
    await expectRefusedUnchanged(
      opened,
      'redirection.record',
      { destinationId: SERVICES.pharmacy, reason: 'clinician_at_capacity', patientTold: true, pharmacyFirst: { route: 'signposted' }, requestId: REQUEST },
      { code: 'conflict', field: 'requestId', phrase: 'to another service' },
    );
    await expectRefusedUnchanged(
      opened,
      'contact.record',
      { clinicianId: amara.id, requestId: REQUEST },
      { code: 'conflict', field: 'requestId', phrase: 'already used to record a redirection, so it cannot record a contact' },
    );
  });

  it('records a deferral once and answers the retry with the first one', () => {
    const { core, clock } = openCore();
    const first = must(core.call('deferral.record', { kind: 'later_date', untilDay: '2026-11-30', patientTold: true, requestId: REQUEST }));
    clock.advance(3000);
    expect(must(core.call('deferral.record', { kind: 'later_date', untilDay: '2026-11-30', patientTold: true, requestId: REQUEST }))).toEqual(first);
    expect(must(core.call('deferral.listForDay', {})).map((deferral) => deferral.id)).toEqual([first.id]);
  });

  it('refuses the same id for the other kind of deferral, or for a redirection, and nothing is written', async () => {
    const opened = openCore();
    must(opened.core.call('deferral.record', { kind: 'waiting_list', patientTold: true, requestId: REQUEST }));
    await expectRefusedUnchanged(
      opened,
      'deferral.record',
      { kind: 'later_date', untilDay: '2026-11-30', patientTold: true, requestId: REQUEST },
      { code: 'conflict', field: 'requestId', phrase: 'keep a patient for later another way' },
    );
    await expectRefusedUnchanged(
      opened,
      'redirection.record',
      { destinationId: SERVICES.utc, reason: 'clinician_at_capacity', patientTold: true, requestId: REQUEST },
      { code: 'conflict', field: 'requestId', phrase: 'already used to record a deferral, so it cannot record a redirection' },
    );
  });
});

describe('request ids are kept with the history', () => {
  it('still finds the first record after a restart and after the projections are rebuilt from the event log', () => {
    const opened = openRestartable('2026-11-23T09:00:00Z');
    const amara = addClinician(opened.core, 'Dr Amara Okafor');
    const contact = must(opened.core.call('contact.record', { clinicianId: amara.id, requestId: 'retry-contact-1' }));
    const redirection = must(opened.core.call('redirection.record', { destinationId: SERVICES.utc, reason: 'clinician_at_capacity', patientTold: true, requestId: 'retry-redirect-1' }));
    const deferral = must(opened.core.call('deferral.record', { kind: 'waiting_list', patientTold: true, requestId: 'retry-defer-1' }));
    const retryAll = (core: Core) => {
      expect(must(core.call('contact.record', { clinicianId: amara.id, requestId: 'retry-contact-1' }))).toEqual(contact);
      expect(must(core.call('redirection.record', { destinationId: SERVICES.utc, reason: 'clinician_at_capacity', patientTold: true, requestId: 'retry-redirect-1' }))).toEqual(
        redirection,
      );
      expect(must(core.call('deferral.record', { kind: 'waiting_list', patientTold: true, requestId: 'retry-defer-1' }))).toEqual(deferral);
      expect(counts(core)).toMatchObject({ contacts: 1, redirections: 1, deferrals: 1, requests: 3 });
    };

    opened.clock.set('2026-11-23T09:10:00Z');
    retryAll(opened.restart());

    const requestsBefore = snapshot(opened.core.db).tables.requests;
    rebuildProjections(opened.core.store);
    expect(snapshot(opened.core.db).tables.requests).toEqual(requestsBefore);
    retryAll(opened.core);
    // And the other kinds are still refused under each id after the rebuild.
    expect(opened.core.call('deferral.record', { kind: 'waiting_list', patientTold: true, requestId: 'retry-contact-1' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', field: 'requestId' },
    });
  });
});

describe('request ids over HTTP', () => {
  it('records once through the browser host when the desk sends the same request twice, and refuses the id for another clinician with 409', async () => {
    const data = tempDir();
    const core = openTestCore(data.dir, { clock: new FakeClock('2026-11-23T09:00:00Z') });
    const token = 'request-id-test-token-0123456789abcdef';
    const host = await startHost({ core, rendererDir: path.join(ROOT, 'out', 'renderer'), port: 0, token });
    try {
      const at = { origin: `http://127.0.0.1:${host.port}`, token };
      const created = await callHost(at, 'clinician.create', { name: 'Dr Amara Okafor', role: 'gp_partner' });
      const amaraId = (created.body as { value: { id: string } }).value.id;
      const other = await callHost(at, 'clinician.create', { name: 'Dr Dev Shah', role: 'gp_partner' });
      const devId = (other.body as { value: { id: string } }).value.id;
      const first = await callHost(at, 'contact.record', { clinicianId: amaraId, typeId: 'telephone', requestId: REQUEST });
      const second = await callHost(at, 'contact.record', { clinicianId: amaraId, typeId: 'telephone', requestId: REQUEST });
      expect(first.status).toBe(200);
      expect(second).toEqual(first);
      const wrong = await callHost(at, 'contact.record', { clinicianId: devId, typeId: 'telephone', requestId: REQUEST });
      expect(wrong).toMatchObject({ status: 409, body: { ok: false, error: { code: 'conflict', field: 'requestId' } } });
      const listed = await callHost(at, 'contact.listForDay', {});
      expect((listed.body as { value: unknown[] }).value).toHaveLength(1);
    } finally {
      await host.close();
      core.close();
      data.remove();
    }
  });

  it('records once when the retry reaches a host started again on the same data folder', async () => {
    const data = tempDir();
    const token = 'request-id-restart-token-0123456789abcdef';
    let host = await spawnHost({ dataDir: data.dir, token });
    try {
      const created = await callHost(host, 'clinician.create', { name: 'Dr Amara Okafor', role: 'gp_partner' });
      const amaraId = (created.body as { value: { id: string } }).value.id;
      await workingAllDay(host, [amaraId]);
      const first = await callHost(host, 'contact.record', { clinicianId: amaraId, typeId: 'telephone', requestId: REQUEST });
      expect(first.status).toBe(200);
      await stopHost(host);
      host = await spawnHost({ dataDir: data.dir, token });
      const retry = await callHost(host, 'contact.record', { clinicianId: amaraId, typeId: 'telephone', requestId: REQUEST });
      expect(retry).toEqual(first);
      const board = (await callHost(host, 'board.today', {})).body as { value: { rows: { clinicianId: string; dayUsed: number }[] } };
      expect(board.value.rows.find((row) => row.clinicianId === amaraId)?.dayUsed).toBe(1);
    } finally {
      await stopHost(host);
      data.remove();
    }
  });
});
