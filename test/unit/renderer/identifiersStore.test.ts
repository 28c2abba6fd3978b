import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IdentifierRecord, IdentifierSummary } from '../../../shared/identifiers.ts';
import { identifierLine } from '../../../renderer/src/components/reception/ActivityItem.tsx';
import { erasedText, listedText } from '../../../renderer/src/components/settings/identifiers/identifierWords.ts';
import { NO_QUERY, useIdentifiersStore, withErased } from '../../../renderer/src/stores/identifiersStore.ts';
import { installFakeTransport, settle } from './fakeTransport.ts';

function record(recordId: string, occurredAt: string, parts: Partial<IdentifierRecord> = {}): IdentifierRecord {
  return {
    recordId,
    kind: 'redirection',
    practiceDay: occurredAt.slice(0, 10),
    occurredAt,
    what: 'Urgent treatment centre',
    nhsNumber: '943 476 5919',
    note: 'Rash',
    state: 'held',
    legacy: false,
    ...parts,
  };
}

const summary: IdentifierSummary = { collecting: true, retentionDays: 30, held: 3, elsewhere: 0, erased: 0, oldestDay: '2026-11-20', keptFrom: '2026-10-24' };
const a = record('record-a', '2026-11-23T09:00:00.000Z');
const b = record('record-b', '2026-11-22T09:00:00.000Z', { state: 'elsewhere', nhsNumber: null, note: '' });
const c = record('record-c', '2026-11-21T09:00:00.000Z', { state: 'erased', nhsNumber: null, note: '' });

describe('the identifiers store', () => {
  let fake: ReturnType<typeof installFakeTransport>;
  beforeEach(() => {
    fake = installFakeTransport();
    useIdentifiersStore.setState({ summary: null, summaryError: null, records: null, query: NO_QUERY, findError: null, erasedHere: [], chosen: [] });
    void useIdentifiersStore.getState().find(NO_QUERY);
    fake.callsTo('identifiers.find')[0]?.answer({ ok: true, value: [a, b, c] });
  });
  afterEach(async () => {
    await fake.failPending();
  });

  it('sends only the boxes filled in, trimmed, and keeps the core’s refusal with its field', async () => {
    await settle();
    const finding = useIdentifiersStore.getState().find({ nhsNumber: ' 943 476 5918 ', text: '   ' });
    const call = fake.callsTo('identifiers.find')[1];
    expect(call?.input).toEqual({ nhsNumber: '943 476 5918' });
    call?.answer({ ok: false, error: { code: 'invalid_input', message: 'That NHS number is not valid: check the digits with the patient.', field: 'nhsNumber' } });
    await finding;
    const state = useIdentifiersStore.getState();
    expect(state.findError).toEqual({ message: 'That NHS number is not valid: check the digits with the patient.', field: 'nhsNumber' });
    // What was listed stays listed, for the search it answers.
    expect(state.records?.map((item) => item.recordId)).toEqual(['record-a', 'record-b', 'record-c']);
    expect(state.query).toEqual(NO_QUERY);
  });

  it('ticks only records that can still be erased, and Choose all takes every one of those', async () => {
    await settle();
    const { choose, chooseAll } = useIdentifiersStore.getState();
    choose('record-c', true);
    choose('record-unknown', true);
    expect(useIdentifiersStore.getState().chosen).toEqual([]);
    choose('record-b', true);
    choose('record-b', true);
    expect(useIdentifiersStore.getState().chosen).toEqual(['record-b']);
    chooseAll(true);
    expect(useIdentifiersStore.getState().chosen).toEqual(['record-a', 'record-b']);
    chooseAll(false);
    expect(useIdentifiersStore.getState().chosen).toEqual([]);
  });

  it('drops a slow answer to an older search once a newer one has been answered', async () => {
    await settle();
    const { find } = useIdentifiersStore.getState();
    void find({ nhsNumber: '', text: 'rash' });
    void find({ nhsNumber: '', text: 'cough' });
    const [, older, newer] = fake.callsTo('identifiers.find');
    newer?.answer({ ok: true, value: [] });
    await settle();
    older?.answer({ ok: true, value: [a] });
    await settle();
    expect(useIdentifiersStore.getState().records).toEqual([]);
    expect(useIdentifiersStore.getState().query.text).toBe('cough');
  });

  it('erases the records ticked, for the reason given; they stay listed as erased though the search no longer finds them, until a new search', async () => {
    await settle();
    const { find, choose } = useIdentifiersStore.getState();
    void find({ nhsNumber: '9434765919', text: '' });
    fake.callsTo('identifiers.find')[1]?.answer({ ok: true, value: [a] });
    await settle();
    choose('record-a', true);
    const erasing = useIdentifiersStore.getState().erase('patient_request');
    const call = fake.callsTo('identifiers.erase')[0];
    expect(call?.input).toEqual({ recordIds: ['record-a'], why: 'patient_request' });
    call?.answer({ ok: true, value: { erased: 1, already: 0, legacy: 0 } });
    const outcome = await erasing;
    expect(outcome).toEqual({ ok: true, value: { erased: 1, already: 0, legacy: 0 } });
    expect(useIdentifiersStore.getState().records).toEqual([{ ...a, state: 'erased', nhsNumber: null, note: '' }]);
    expect(useIdentifiersStore.getState().chosen).toEqual([]);

    // Read again after the erasure: the same search, which no longer finds it, and the summary.
    const again = fake.callsTo('identifiers.find')[2];
    expect(again?.input).toEqual({ nhsNumber: '9434765919' });
    again?.answer({ ok: true, value: [] });
    fake.callsTo('identifiers.summary')[0]?.answer({ ok: true, value: { ...summary, held: 2, erased: 1 } });
    await settle();
    expect(useIdentifiersStore.getState().records?.map((item) => [item.recordId, item.state])).toEqual([['record-a', 'erased']]);
    expect(useIdentifiersStore.getState().summary?.erased).toBe(1);

    void find({ nhsNumber: '9434765919', text: '' });
    fake.callsTo('identifiers.find')[3]?.answer({ ok: true, value: [] });
    await settle();
    expect(useIdentifiersStore.getState().records).toEqual([]);
  });

  it('keeps the records and what was ticked when the core refuses an erasure', async () => {
    await settle();
    useIdentifiersStore.getState().choose('record-a', true);
    const erasing = useIdentifiersStore.getState().erase('no_longer_needed');
    fake.callsTo('identifiers.erase')[0]?.answer({
      ok: false,
      error: { code: 'not_allowed', message: 'Only a practice manager or administrator can erase patient identifiers. Nothing was changed.' },
    });
    const result = await erasing;
    expect(result.ok).toBe(false);
    expect(useIdentifiersStore.getState().chosen).toEqual(['record-a']);
    expect(useIdentifiersStore.getState().records?.[0]?.state).toBe('held');
    expect(fake.callsTo('identifiers.find')).toHaveLength(1);
  });

  it('reads again when records, settings or who is signed in change, not for a contact', async () => {
    await settle();
    const stop = useIdentifiersStore.getState().watch();
    fake.push('data.changed', { topics: ['contacts'] });
    expect(fake.callsTo('identifiers.summary')).toHaveLength(0);
    fake.push('data.changed', { topics: ['session'] });
    expect(fake.callsTo('identifiers.summary')).toHaveLength(1);
    expect(fake.callsTo('identifiers.find')).toHaveLength(2);
    fake.callsTo('identifiers.summary')[0]?.answer({ ok: false, error: { code: 'not_signed_in', message: 'Sign in to see what patient identifiers are held.' } });
    await settle();
    expect(useIdentifiersStore.getState().summary).toBeNull();
    expect(useIdentifiersStore.getState().summaryError).toBe('Sign in to see what patient identifiers are held.');
    stop();
    fake.push('data.changed', { topics: ['redirections'] });
    expect(fake.callsTo('identifiers.summary')).toHaveLength(1);
  });
});

describe('the list with what was erased from it', () => {
  it('puts back, newest first, the records erased here that the core no longer lists, once each', () => {
    const erasedA = { ...a, state: 'erased' as const, nhsNumber: null, note: '' };
    const d = record('record-d', '2026-11-24T09:00:00.000Z');
    expect(withErased([d, b], [erasedA]).map((item) => item.recordId)).toEqual(['record-d', 'record-a', 'record-b']);
    // Listed by the core already (Show all lists erased records): its row is the core's.
    expect(withErased([erasedA, b], [{ ...erasedA, what: 'stale' }])).toEqual([erasedA, b]);
  });
});

describe('the words for patient identifiers', () => {
  it('says what the list holds for each kind of search', () => {
    expect(listedText([a, b, c], NO_QUERY, 500)).toBe('3 records with an NHS number or a note, newest first, erased ones included.');
    expect(listedText([], NO_QUERY, 500)).toBe('No record on this PC has an NHS number or a note.');
    expect(listedText([a, b], NO_QUERY, 2)).toBe('2 records with an NHS number or a note, newest first, erased ones included. Only the newest 2 are listed: find by NHS number or note to reach older ones.');
    expect(listedText([a], { nhsNumber: '9434765919', text: '' }, 500)).toBe('1 record on this PC still holds NHS number 943 476 5919.');
    expect(listedText([], { nhsNumber: '', text: ' rash ' }, 500)).toBe('No record on this PC still holds a note containing “rash”.');
    expect(listedText([a, { ...a, recordId: 'x' }], { nhsNumber: '943 476 5919', text: 'rash' }, 500)).toBe('2 records on this PC still hold NHS number 943 476 5919 and a note containing “rash”.');
    expect(listedText([c], { nhsNumber: '9434765919', text: '' }, 500)).toBe('No record on this PC still holds NHS number 943 476 5919; 1 record erased just now.');
  });

  it('announces an erasure, and says when older records keep their note in the record log', () => {
    expect(erasedText({ erased: 2, already: 0, legacy: 0 })).toBe('Erased the NHS number and note of 2 records: on this PC now, and on the practice’s other PCs as soon as each is connected.');
    expect(erasedText({ erased: 1, already: 1, legacy: 1 })).toBe(
      'Erased the NHS number and note of 1 record: on this PC now, and on the practice’s other PCs as soon as each is connected. 1 record had been erased already. One of them was recorded before ContactCap sealed notes: it no longer shows anywhere in ContactCap or its exports, but its note stays in the practice’s record log.',
    );
    expect(erasedText({ erased: 0, already: 3, legacy: 0 })).toBe('3 records had been erased already.');
  });

  it('tells reception what became of a redirection’s or a deferral’s identifiers, in words', () => {
    expect(identifierLine({ identifiers: 'held', note: 'Rash', nhsNumber: '943 476 5919' })).toBe('NHS number 943\u00a0476\u00a05919 · Note: Rash');
    expect(identifierLine({ identifiers: 'held', note: 'Prefers mornings' })).toBe('Note: Prefers mornings');
    expect(identifierLine({ identifiers: 'none', note: '', nhsNumber: null })).toBeNull();
    expect(identifierLine({ identifiers: 'erased', note: '', nhsNumber: null })).toBe('NHS number and note erased');
    expect(identifierLine({ identifiers: 'erased', note: '' })).toBe('Note erased');
    expect(identifierLine({ identifiers: 'elsewhere', note: '' })).toBe('Note recorded on another PC: it appears here once that PC is connected');
    expect(identifierLine({ identifiers: 'elsewhere', note: '', nhsNumber: null })).toBe('NHS number and note recorded on another PC: they appear here once that PC is connected');
  });
});
