import { afterEach, describe, expect, it } from 'vitest';
import { practiceDayProblem } from '../../shared/practiceDay.ts';
import { closeAllCores, expectRefusedUnchanged, expectRefusal, openSeeded } from './apiHarness.ts';

/**
 * A date typed the right way that does not exist is refused as "not a real
 * date", saying why; a date typed the wrong way is asked for as YYYY-MM-DD.
 * Either way nothing is written. The messages are written out here by hand.
 */

afterEach(closeAllCores);

const FORMAT = 'Enter the date as YYYY-MM-DD, for example 2026-11-21.';

describe('dates the core is given', () => {
  it.each([
    ['2026-02-30', '2026-02-30 is not a real date: February 2026 has 28 days.'],
    ['2026-02-29', '2026-02-29 is not a real date: February 2026 has 28 days.'],
    ['2100-02-29', '2100-02-29 is not a real date: February 2100 has 28 days.'],
    ['2026-04-31', '2026-04-31 is not a real date: April 2026 has 30 days.'],
    ['2026-12-32', '2026-12-32 is not a real date: December 2026 has 31 days.'],
    ['2026-13-01', '2026-13-01 is not a real date: there is no month 13 (months go from 01 to 12).'],
    ['2026-00-10', '2026-00-10 is not a real date: there is no month 00 (months go from 01 to 12).'],
    ['2026-11-00', '2026-11-00 is not a real date: the days of a month start at 01.'],
    ['22026-03-01', `The year 22026 has more than four digits. ${FORMAT}`],
    ['30/02/2026', FORMAT],
    ['2026-2-3', FORMAT],
    ['', FORMAT],
    [' 2026-11-23', FORMAT],
  ])('%j: %s', (typed, message) => {
    expect(practiceDayProblem(typed)).toBe(message);
  });

  it('takes the real ones, leap days included', () => {
    for (const day of ['2028-02-29', '2000-02-29', '2026-02-28', '2026-04-30', '2026-12-31', '2026-01-01']) expect(practiceDayProblem(day)).toBeNull();
  });

  it('refuses a report for 30 February, saying it is not a real date, and one for 30/02/2026 asking for YYYY-MM-DD', async () => {
    const seeded = openSeeded();
    expectRefusal(await seeded.core.invoke('report.day', { day: '2026-02-30' }), { code: 'invalid_input', field: 'day', phrase: '2026-02-30 is not a real date: February 2026 has 28 days.' });
    expectRefusal(await seeded.core.invoke('report.day', { day: '30/02/2026' }), { code: 'invalid_input', field: 'day', phrase: FORMAT });
  });

  it('saves nothing when a date to save does not exist or is written the wrong way', async () => {
    const seeded = openSeeded();
    await expectRefusedUnchanged(seeded, 'action.update', { actionId: 'bma-2024-01', taking: true, from: '2026-11-31' }, {
      code: 'invalid_input',
      field: 'from',
      phrase: '2026-11-31 is not a real date: November 2026 has 30 days.',
    });
    await expectRefusedUnchanged(seeded, 'rota.setDay', { clinicianId: seeded.data.amaraId, day: '2026-11-23T00:00', override: { absent: true } }, { code: 'invalid_input', field: 'day', phrase: FORMAT });
  });
});
