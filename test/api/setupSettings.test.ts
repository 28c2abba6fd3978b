import { afterEach, describe, expect, it } from 'vitest';
import { rebuildProjections } from '../../main/core/events/rebuild.ts';
import { must } from '../helpers/fixtures.ts';
import { closeAllCores, expectRefusedUnchanged, openCore, openSeeded, snapshot } from './apiHarness.ts';

/**
 * The practice settings the first-run setup relies on: a practice name that is
 * unset ('') until the practice gives one, and whether the setup was done or
 * skipped, kept as a practice setting.
 */

afterEach(closeAllCores);

describe('the practice’s name before it is set', () => {
  it('is empty on a new install, never a stand-in such as “Our practice”', () => {
    const { core } = openCore();
    expect(must(core.call('settings.get', {}))).toMatchObject({ practiceName: '', setup: 'not_done' });
  });

  it('is still empty in a database whose other settings were changed but whose name never was', () => {
    const opened = openCore();
    must(opened.core.call('settings.update', { warningPercent: 80, listSize: 9500 }));
    expect(must(opened.core.call('settings.get', {}))).toMatchObject({ practiceName: '', warningPercent: 80, listSize: 9500 });
    rebuildProjections(opened.core.store);
    expect(must(opened.core.call('settings.get', {}))).toMatchObject({ practiceName: '', warningPercent: 80 });
  });

  it('reaches the reports as empty too', () => {
    const { core } = openSeeded();
    expect(must(core.call('report.day', { day: '2026-11-23' })).practiceName).toBe('');
    expect(must(core.call('report.range', { from: '2026-11-23', to: '2026-11-23' })).practiceName).toBe('');
  });

  it('cannot be set to nothing: an empty or blank name is refused with a message, and nothing changes', async () => {
    const opened = openCore();
    for (const practiceName of ['', '   ', ' \t ']) {
      await expectRefusedUnchanged(opened, 'settings.update', { practiceName }, { code: 'invalid_input', field: 'practiceName', phrase: 'Enter the practice’s name.' });
    }
    must(opened.core.call('settings.update', { practiceName: 'Riverside Surgery' }));
    await expectRefusedUnchanged(opened, 'settings.update', { practiceName: '', listSize: 9500 }, { code: 'invalid_input', field: 'practiceName', phrase: 'Enter the practice’s name.' });
    expect(must(opened.core.call('settings.get', {}))).toMatchObject({ practiceName: 'Riverside Surgery', listSize: null });
  });
});

describe('whether the setup was done or skipped', () => {
  it('is remembered as a practice setting, so it is rebuilt from the event log like any other', () => {
    const opened = openCore();
    expect(must(opened.core.call('settings.update', { setup: 'skipped' })).setup).toBe('skipped');
    expect(must(opened.core.call('settings.update', { setup: 'done' })).setup).toBe('done');
    const events = opened.core.db.prepare("SELECT count(*) FROM events WHERE type = 'settings.updated'").pluck().get();
    expect(events).toBe(2);
    rebuildProjections(opened.core.store);
    expect(must(opened.core.call('settings.get', {})).setup).toBe('done');
  });

  it('stays done when the setup is reopened and skipped later, writing nothing', () => {
    const opened = openCore();
    must(opened.core.call('settings.update', { setup: 'done' }));
    const before = snapshot(opened.core.db).events;
    expect(must(opened.core.call('settings.update', { setup: 'skipped' })).setup).toBe('done');
    expect(snapshot(opened.core.db).events).toBe(before);
  });

  it('cannot be put back to “not done” or to anything else, and nothing changes', async () => {
    const opened = openCore();
    for (const setup of ['not_done', 'Done', 'finished', true]) {
      await expectRefusedUnchanged(opened, 'settings.update', { setup }, { code: 'invalid_input', field: 'setup', phrase: 'Say whether the setup was done or skipped.' });
    }
  });
});
