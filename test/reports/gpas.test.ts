import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { must } from '../helpers/fixtures.ts';
import { changed, closeAllCores, expectRefusedUnchanged as expectRefusedUnchangedOn, openCore, type OpenedCore, type Refusal } from '../api/apiHarness.ts';
import { counts, liveContacts, seedWeek, TODAY, type Week } from './week.ts';

/**
 * The LMC's weekly GPAS return and the collective-action register, on the
 * seeded week (Monday 19 October 2026; today is Monday 26 October).
 */

let opened: OpenedCore;
let week: Week;

beforeAll(() => {
  opened = openCore('2026-10-19T06:00:00Z');
  week = seedWeek(opened.core, opened.clock);
});
afterAll(closeAllCores);

const expectRefusedUnchanged = (method: string, input: unknown, expected: Refusal) => expectRefusedUnchangedOn(opened, method, input, expected);

describe('report.gpas', () => {
  it('counts Monday’s counted, not voided contacts across all clinicians, with no list size yet', () => {
    const expected = liveContacts(week, ['2026-10-19']).filter(counts).length;
    expect(expected).toBe(59);
    expect(must(opened.core.call('report.gpas', { monday: '2026-10-19' }))).toEqual({
      monday: '2026-10-19',
      totalContacts: expected,
      // Today is Monday 26 October: the 19th is over.
      soFar: false,
      listSize: null,
      per1000: null,
      assessment: null,
    });
  });

  it('gives contacts per 1,000 patients once the list size is set, to one decimal place', () => {
    must(opened.core.call('settings.update', { listSize: 6250 }));
    // 59 / 6,250 × 1,000 = 9.44 → 9.4.
    expect(must(opened.core.call('report.gpas', { monday: '2026-10-19' }))).toMatchObject({ totalContacts: 59, listSize: 6250, per1000: 9.4 });
    must(opened.core.call('settings.update', { listSize: 5300 }));
    // 59 / 5,300 × 1,000 = 11.132… → 11.1.
    expect(must(opened.core.call('report.gpas', { monday: '2026-10-19' }))).toMatchObject({ per1000: 11.1 });
    // Today so far: Amara's 2 calls; 2 / 5,300 × 1,000 = 0.377… → 0.4.
    expect(must(opened.core.call('report.gpas', { monday: TODAY }))).toMatchObject({ monday: TODAY, totalContacts: 2, per1000: 0.4 });
    must(opened.core.call('settings.update', { listSize: null }));
    expect(must(opened.core.call('report.gpas', { monday: '2026-10-19' }))).toMatchObject({ listSize: null, per1000: null });
  });

  it('gives a Monday nobody worked zero contacts', () => {
    expect(must(opened.core.call('report.gpas', { monday: '2026-10-12' }))).toMatchObject({ totalContacts: 0, assessment: null });
  });

  it.each(['2026-10-20', '2026-10-25', '2026-10-24'])('refuses %s, which is not a Monday, naming the field, and changes nothing', async (day) => {
    await expectRefusedUnchanged('report.gpas', { monday: day }, { code: 'invalid_input', field: 'monday', phrase: 'Choose a Monday' });
  });
});

describe('gpas.assess', () => {
  it('saves the status and the note for a Monday, tidied, and report.gpas gives them back', () => {
    opened.pushes.length = 0;
    const saved = must(opened.core.call('gpas.assess', { monday: '2026-10-19', status: 'amber', note: '  Two GPs   off sick; locum booked ' }));
    expect(saved).toMatchObject({ monday: '2026-10-19', totalContacts: 59, assessment: { status: 'amber', note: 'Two GPs off sick; locum booked' } });
    expect(opened.pushes).toEqual([changed('reports')]);
    expect(must(opened.core.call('report.gpas', { monday: '2026-10-19' })).assessment).toEqual({ status: 'amber', note: 'Two GPs off sick; locum booked' });
    // Another Monday is untouched.
    expect(must(opened.core.call('report.gpas', { monday: TODAY })).assessment).toBeNull();
  });

  it('replaces an assessment with a later one, and an empty note when none is given', () => {
    must(opened.core.call('gpas.assess', { monday: TODAY, status: 'red', note: 'Flu clinic overran' }));
    must(opened.core.call('gpas.assess', { monday: TODAY, status: 'black' }));
    expect(must(opened.core.call('report.gpas', { monday: TODAY })).assessment).toEqual({ status: 'black', note: '' });
  });

  it('refuses to assess a day that is not a Monday, and changes nothing', async () => {
    await expectRefusedUnchanged('gpas.assess', { monday: '2026-10-21', status: 'green' }, { code: 'invalid_input', field: 'monday', phrase: 'Choose a Monday' });
  });

  it('refuses a status other than Green, Amber, Red or Black, and changes nothing', async () => {
    await expectRefusedUnchanged('gpas.assess', { monday: '2026-10-19', status: 'grey' }, { code: 'invalid_input', field: 'status', phrase: 'Green, Amber, Red or Black' });
  });
});

describe('the collective-action register', () => {
  it('starts with the BMA’s ten 2024 actions, none taken', () => {
    const actions = must(opened.core.call('action.list', {}));
    const builtin = actions.filter((action) => action.builtin);
    expect(builtin.map((action) => action.id)).toEqual(Array.from({ length: 10 }, (_, i) => `bma-2024-${String(i + 1).padStart(2, '0')}`));
    expect(builtin[0]).toMatchObject({ title: 'Limit patient contacts per clinician per day to 25', taking: false, from: null, until: null });
    expect(builtin.every((action) => !action.taking && action.forPatients.length > 10)).toBe(true);
  });

  it('records that the practice takes an action from a date, and clears the end date with null', () => {
    const taken = must(opened.core.call('action.update', { actionId: 'bma-2024-01', taking: true, from: '2026-10-19', until: '2026-12-31' }));
    expect(taken).toMatchObject({ id: 'bma-2024-01', taking: true, from: '2026-10-19', until: '2026-12-31', builtin: true });
    expect(must(opened.core.call('action.update', { actionId: 'bma-2024-01', until: null }))).toMatchObject({ taking: true, from: '2026-10-19', until: null });
    expect(must(opened.core.call('action.list', {})).find((action) => action.id === 'bma-2024-01')).toMatchObject({ taking: true, until: null });
  });

  it('adds the practice’s own action, tidied, and lists it', () => {
    const created = must(opened.core.call('action.create', { title: '  Limit   home visits ', forPatients: 'Home visits are for the housebound.', taking: true, from: '2026-10-26' }));
    expect(created).toMatchObject({ title: 'Limit home visits', forPatients: 'Home visits are for the housebound.', taking: true, from: '2026-10-26', until: null, builtin: false });
    expect(must(opened.core.call('action.list', {})).map((action) => action.id)).toContain(created.id);
  });

  it('refuses taking an action with no start date, and an end before the start, naming the field, and changes nothing', async () => {
    await expectRefusedUnchanged('action.create', { title: 'Stop A&G', taking: true }, { code: 'invalid_input', field: 'from', phrase: 'from which date' });
    await expectRefusedUnchanged('action.update', { actionId: 'bma-2024-02', taking: true, from: '2026-11-01', until: '2026-10-01' }, { code: 'invalid_input', field: 'until', phrase: 'end date is before the start date' });
    await expectRefusedUnchanged('action.update', { actionId: 'no-such-action', taking: true }, { code: 'not_found', field: 'actionId', phrase: 'not in the register' });
  });
});
