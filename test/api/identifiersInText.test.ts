import { afterEach, describe, expect, it } from 'vitest';
import { must } from '../helpers/fixtures.ts';
import { closeAllCores, expectRefusal, expectRefusedUnchanged, openSeeded, SERVICES, snapshot, TODAY, type Seed, type Seeded } from './apiHarness.ts';

/**
 * Issue 10, part 5: the core keeps its records for good, so free text that looks
 * like an NHS number is refused, with the field named, and nothing is saved.
 * Names, reasons, service details and wording refuse one whatever the practice
 * collects; a patient's note is kept only while the practice collects
 * identifiers, and may then hold one. Every message below is written out by hand.
 */

afterEach(closeAllCores);

/** Ways a receptionist might type 943 476 5919 (the public worked example: it passes Modulus 11). */
const SPELLINGS = ['943 476 5919', '9434765919', '943-476-5919', '94 34 76 59 19', '943.476.5919', '943/476/5919'];

interface TextCase {
  method: string;
  /** The field as the error names it. */
  field: string;
  /** How the message names it. */
  subject: string;
  /** The request, with `text` in the field; `staffId` is the administrator's when the case names one (namesStaff). */
  input: (seed: Seed, text: string, staffId: string) => Record<string, unknown>;
  /** The practice's administrator, Ann, is named (and so signed in) first: the request is about her. */
  namesStaff?: true;
  /** Text the field accepts: words and digits that are not an NHS number. */
  clean: string;
  /** `clean` with the NHS number in it. */
  withNumber: (number: string) => string;
}

const LAST_FRIDAY = '2026-11-20T10:00:00Z';
const BMA_ACTION = 'bma-2024-01';

const CASES: TextCase[] = [
  { method: 'device.update', field: 'deviceName', subject: 'The PC’s name', input: (_, text) => ({ deviceName: text }), clean: 'Reception 2', withNumber: (n) => `Reception ${n}` },
  { method: 'device.update', field: 'staffName', subject: 'Your name', input: (_, text) => ({ staffName: text }), clean: 'Sam R', withNumber: (n) => `Sam ${n}` },
  { method: 'settings.update', field: 'practiceName', subject: 'The practice’s name', input: (_, text) => ({ practiceName: text }), clean: 'Riverside Surgery', withNumber: (n) => `Riverside ${n}` },
  { method: 'settings.update', field: 'capBasis', subject: 'What the cap is based on', input: (_, text) => ({ capBasis: text }), clean: 'Practice policy of 2024', withNumber: (n) => `Policy ${n}` },
  { method: 'settings.update', field: 'noticeWhy', subject: 'The notice’s “Why”', input: (_, text) => ({ noticeWhy: text }), clean: 'Our GPs see at most 25 patients a day.', withNumber: (n) => `Our GPs are full. ${n}` },
  { method: 'settings.update', field: 'receptionScript', subject: 'The reception script', input: (_, text) => ({ receptionScript: text }), clean: 'Say the clinician is full today.', withNumber: (n) => `Say the clinician is full. ${n}` },
  { method: 'clinician.create', field: 'name', subject: 'The clinician’s name', input: (_, text) => ({ name: text, role: 'salaried_gp' }), clean: 'Dr Ada Patel', withNumber: (n) => `Dr Ada Patel ${n}` },
  { method: 'clinician.update', field: 'name', subject: 'The clinician’s name', input: (seed, text) => ({ clinicianId: seed.amaraId, name: text }), clean: 'Dr Amara Okafor-Reed', withNumber: (n) => `Dr Okafor ${n}` },
  { method: 'clinician.rename', field: 'name', subject: 'The clinician’s name', input: (seed, text) => ({ clinicianId: seed.amaraId, name: text }), clean: 'Dr A Okafor', withNumber: (n) => `${n} Okafor` },
  { method: 'contactType.create', field: 'name', subject: 'The contact type’s name', input: (_, text) => ({ name: text, counts: true }), clean: 'Group clinic', withNumber: (n) => `Clinic ${n}` },
  { method: 'contactType.update', field: 'name', subject: 'The contact type’s name', input: (_, text) => ({ typeId: 'telephone', name: text }), clean: 'Phone call', withNumber: (n) => `Phone ${n}` },
  {
    method: 'contact.record',
    field: 'overCapReason',
    subject: 'The over-cap reason',
    input: (seed, text) => ({ clinicianId: seed.amaraId, overCapReason: text }),
    clean: 'Chest pain, seen at 10.30, call 01632 960 123',
    withNumber: (n) => `pt ${n} chest pain`,
  },
  {
    method: 'contact.record',
    field: 'lateReason',
    subject: 'The late-entry reason',
    input: (seed, text) => ({ clinicianId: seed.amaraId, occurredAt: LAST_FRIDAY, lateReason: text }),
    clean: 'Tally sheet found, 3 of 20',
    withNumber: (n) => `Tally sheet for ${n}`,
  },
  { method: 'contact.void', field: 'reason', subject: 'The reason for voiding', input: (seed, text) => ({ contactId: seed.contactId, reason: text }), clean: 'Entered twice at 08.10', withNumber: (n) => `Wrong patient ${n}` },
  { method: 'directory.create', field: 'name', subject: 'The service’s name', input: (_, text) => ({ kind: 'other', name: text }), clean: 'Riverside Physio 2', withNumber: (n) => `Physio ${n}` },
  {
    method: 'directory.create',
    field: 'phone',
    subject: 'The phone number',
    input: (_, text) => ({ kind: 'other', name: 'Riverside Physio', phone: text }),
    // Ten digits that pass Modulus 11, but start with 0: a UK phone number in a phone field.
    clean: '0800 100 018',
    withNumber: (n) => n,
  },
  { method: 'directory.create', field: 'address', subject: 'The address', input: (_, text) => ({ kind: 'other', name: 'Riverside Physio', address: text }), clean: '12 High Street, RV1 2AB', withNumber: (n) => `Flat ${n}` },
  { method: 'directory.create', field: 'hours', subject: 'The opening hours', input: (_, text) => ({ kind: 'other', name: 'Riverside Physio', hours: text }), clean: '08.00–18.30 weekdays', withNumber: (n) => `Ask ${n}` },
  { method: 'directory.create', field: 'hint', subject: 'The hint', input: (_, text) => ({ kind: 'other', name: 'Riverside Physio', hint: text }), clean: 'Self-referral form at the desk', withNumber: (n) => `Like ${n}` },
  { method: 'directory.update', field: 'name', subject: 'The service’s name', input: (_, text) => ({ entryId: SERVICES.utc, name: text }), clean: 'Riverside UTC', withNumber: (n) => `UTC ${n}` },
  { method: 'directory.update', field: 'phone', subject: 'The phone number', input: (_, text) => ({ entryId: SERVICES.utc, phone: text }), clean: '01632 960 002', withNumber: (n) => `ring ${n}` },
  { method: 'directory.update', field: 'address', subject: 'The address', input: (_, text) => ({ entryId: SERVICES.utc, address: text }), clean: 'Riverside Hospital, Gate 2', withNumber: (n) => `Bed ${n}` },
  { method: 'directory.update', field: 'hours', subject: 'The opening hours', input: (_, text) => ({ entryId: SERVICES.utc, hours: text }), clean: '08:00–22:00 every day', withNumber: (n) => n },
  { method: 'directory.update', field: 'hint', subject: 'The hint', input: (_, text) => ({ entryId: SERVICES.utc, hint: text }), clean: 'Walk in, or call 111 first', withNumber: (n) => `Walk in ${n}` },
  {
    method: 'redirection.record',
    field: 'lateReason',
    subject: 'The late-entry reason',
    input: (_, text) => ({ destinationId: SERVICES.utc, reason: 'clinician_at_capacity', patientTold: true, occurredAt: LAST_FRIDAY, lateReason: text }),
    clean: 'Found on Friday’s sheet',
    withNumber: (n) => `Sheet ${n}`,
  },
  { method: 'redirection.void', field: 'reason', subject: 'The reason for voiding', input: (seed, text) => ({ redirectionId: seed.redirectionId, reason: text }), clean: 'Patient stayed to be seen', withNumber: (n) => `Was ${n}` },
  {
    method: 'deferral.record',
    field: 'lateReason',
    subject: 'The late-entry reason',
    input: (_, text) => ({ kind: 'waiting_list', patientTold: true, occurredAt: LAST_FRIDAY, lateReason: text }),
    clean: 'Written on paper during the outage',
    withNumber: (n) => `Paper note ${n}`,
  },
  { method: 'deferral.void', field: 'reason', subject: 'The reason for voiding', input: (seed, text) => ({ deferralId: seed.deferralId, reason: text }), clean: 'Booked in error', withNumber: (n) => `Booked ${n}` },
  { method: 'gpas.assess', field: 'note', subject: 'The comment', input: (_, text) => ({ monday: TODAY, status: 'amber', note: text }), clean: 'Two GPs off sick; 1 locum booked', withNumber: (n) => `Complaint from ${n}` },
  { method: 'action.create', field: 'title', subject: 'The action’s title', input: (_, text) => ({ title: text }), clean: 'Limit home visits to 4 a day', withNumber: (n) => `Visits ${n}` },
  { method: 'action.create', field: 'forPatients', subject: 'The text for patients', input: (_, text) => ({ title: 'Limit home visits', forPatients: text }), clean: 'Call 01632 960 123 for a visit.', withNumber: (n) => `Call ${n}.` },
  { method: 'action.update', field: 'title', subject: 'The action’s title', input: (_, text) => ({ actionId: BMA_ACTION, title: text }), clean: 'Safe working: 25 a day', withNumber: (n) => `Safe ${n}` },
  { method: 'action.update', field: 'forPatients', subject: 'The text for patients', input: (_, text) => ({ actionId: BMA_ACTION, forPatients: text }), clean: 'Each GP sees 25 patients a day.', withNumber: (n) => `Each GP. ${n}` },
  // The practice's first member of staff: its administrator, named with nobody signed in.
  { method: 'staff.add', field: 'name', subject: 'The name', input: (_, text) => ({ name: text, role: 'admin', pin: '2580' }), clean: 'Ann Admin 2', withNumber: (n) => `Ann ${n}` },
  {
    method: 'staff.update',
    field: 'name',
    subject: 'The name',
    input: (_, text, staffId) => ({ staffId, name: text }),
    clean: 'Ann Adams-Reed',
    withNumber: (n) => `${n} Adams`,
    namesStaff: true,
  },
];

/** A seeded core; for a case that names staff, with Ann named and signed in, and that taken as the state to compare against. */
async function openFor(c: TextCase): Promise<{ seeded: Seeded; staffId: string }> {
  const seeded = openSeeded();
  if (!c.namesStaff) return { seeded, staffId: 'staff-nobody' };
  const ann = must(await seeded.core.call('staff.add', { name: 'Ann Admin', role: 'admin', pin: '2580' }));
  seeded.before = snapshot(seeded.core.db);
  seeded.pushes.length = 0;
  return { seeded, staffId: ann.id };
}

const collectIdentifiers = (seeded: Seeded) => must(seeded.core.call('settings.update', { collectNhsNumber: true }));

describe.each(CASES.map((c, index) => ({ ...c, number: SPELLINGS[index % SPELLINGS.length] ?? '943 476 5919', name: `${c.method} ${c.field}` })))('$name', (c) => {
  const text = c.withNumber(c.number);

  it('refuses text with an NHS number in it while the practice collects no identifiers, naming the field, and saves nothing', async () => {
    const { seeded, staffId } = await openFor(c);
    await expectRefusedUnchanged(seeded, c.method, c.input(seeded.data, text, staffId), {
      code: 'invalid_input',
      field: c.field,
      phrase: `${c.subject} looks like it contains an NHS number (“${c.number}”). ContactCap does not keep patient identifiers: take the number out and `,
    });
  });

  it('refuses it too when the practice collects identifiers: it is never the place for one', async () => {
    const seeded = openSeeded();
    collectIdentifiers(seeded);
    // Named after the setting: once staff are named, changing settings needs a manager signed in.
    const staffId = c.namesStaff ? must(await seeded.core.call('staff.add', { name: 'Ann Admin', role: 'admin', pin: '2580' })).id : 'staff-nobody';
    await expectRefusedUnchanged(seeded, c.method, c.input(seeded.data, text, staffId), {
      code: 'invalid_input',
      field: c.field,
      phrase: `${c.subject} looks like it contains an NHS number (“${c.number}”). ContactCap keeps an NHS number only in a redirection’s NHS number box, never in `,
    });
  });

  it('accepts words and numbers that are not an NHS number', async () => {
    const { seeded, staffId } = await openFor(c);
    const result = await seeded.core.invoke(c.method, c.input(seeded.data, c.clean, staffId));
    expect(result).toMatchObject({ ok: true });
    expect(JSON.stringify(result)).toContain(JSON.stringify(c.clean).slice(1, -1));
    expect(snapshot(seeded.core.db)).not.toEqual(seeded.before);
  });
});

describe('a patient’s note on a redirection or a deferral', () => {
  const NOTE_REFUSED = 'This practice does not keep notes about patients in ContactCap. Leave the note empty: everything else is recorded without it.';
  const redirect = (note: string) => ({ destinationId: SERVICES.utc, reason: 'clinician_at_capacity' as const, patientTold: true as const, note });
  const defer = (note: string) => ({ kind: 'waiting_list' as const, patientTold: true as const, note });

  it('is refused while the practice collects no identifiers, even without a number in it, and nothing is saved', async () => {
    const seeded = openSeeded();
    for (const note of ['Usual GP', '943 476 5919']) {
      await expectRefusedUnchanged(seeded, 'redirection.record', redirect(note), { code: 'invalid_input', field: 'note', phrase: NOTE_REFUSED });
      await expectRefusedUnchanged(seeded, 'deferral.record', defer(note), { code: 'invalid_input', field: 'note', phrase: NOTE_REFUSED });
    }
  });

  it('may be empty, or only spaces, while the practice collects no identifiers', () => {
    const seeded = openSeeded();
    expect(must(seeded.core.call('redirection.record', redirect('   '))).redirection.note).toBe('');
    expect(must(seeded.core.call('deferral.record', defer(''))).note).toBe('');
  });

  it('is kept, NHS number and all, once the practice collects identifiers', () => {
    const seeded = openSeeded();
    collectIdentifiers(seeded);
    expect(must(seeded.core.call('redirection.record', redirect('Mrs J, 943 476 5919'))).redirection.note).toBe('Mrs J, 943 476 5919');
    expect(must(seeded.core.call('deferral.record', defer('9434765919 wants usual GP'))).note).toBe('9434765919 wants usual GP');
  });

  it('is refused again once the practice stops collecting identifiers', async () => {
    const seeded = openSeeded();
    collectIdentifiers(seeded);
    must(seeded.core.call('settings.update', { collectNhsNumber: false }));
    await expectRefusedUnchanged(seeded, 'deferral.record', defer('Usual GP'), { code: 'invalid_input', field: 'note', phrase: NOTE_REFUSED });
  });
});

describe('the other text of a record that is refused', () => {
  it('is checked before anything else is saved: a redirection with a good note and a number in its late reason records nothing', async () => {
    const seeded = openSeeded();
    collectIdentifiers(seeded);
    await expectRefusedUnchanged(
      seeded,
      'redirection.record',
      { destinationId: SERVICES.utc, reason: 'clinician_at_capacity', patientTold: true, note: 'Usual GP', occurredAt: LAST_FRIDAY, lateReason: 'sheet 943 476 5919' },
      { code: 'invalid_input', field: 'lateReason', phrase: 'The late-entry reason looks like it contains an NHS number' },
    );
  });

  it('is checked on a retry with the same request id too', async () => {
    const seeded = openSeeded();
    const first = { clinicianId: seeded.data.amaraId, overCapReason: 'Chest pain', requestId: 'desk-0100-abcdef' };
    must(seeded.core.call('contact.record', first));
    await expectRefusedUnchanged(seeded, 'contact.record', { ...first, overCapReason: 'Chest pain 943 476 5919' }, { code: 'invalid_input', field: 'overCapReason', phrase: 'NHS number' });
  });
});

describe('clinician.import', () => {
  const FILE = ['Name,Role', 'Dr Ada Patel,GP partner', 'Dr Eve Morgan 943 476 5919,Salaried GP'].join('\r\n');
  const ROW_3 = 'Row 3: The clinician’s name looks like it contains an NHS number (“943 476 5919”). ContactCap does not keep patient identifiers: take the number out and enter the name alone.';

  it('says which row has a name with an NHS number in it, and adds no one', async () => {
    const seeded = openSeeded();
    const preview = must(seeded.core.call('clinician.import', { csv: FILE, apply: false }));
    expect(preview.rows.map((row) => row.message)).toEqual(['Will be added.', ROW_3]);
    await expectRefusedUnchanged(seeded, 'clinician.import', { csv: FILE, apply: true }, { code: 'invalid_input', field: 'csv', phrase: ROW_3 });
  });

  it('adds the same file once the number is taken out', () => {
    const seeded = openSeeded();
    const added = must(seeded.core.call('clinician.import', { csv: FILE.replace(' 943 476 5919', ''), apply: true })).added;
    expect(added.map((clinician) => clinician.name)).toEqual(['Dr Ada Patel', 'Dr Eve Morgan']);
  });
});

describe('the message', () => {
  it('is one a receptionist can act on, for the over-cap reason', () => {
    const seeded = openSeeded();
    const error = expectRefusal(seeded.core.call('contact.record', { clinicianId: seeded.data.amaraId, overCapReason: 'pt 943 476 5919 chest pain' }), { code: 'invalid_input', field: 'overCapReason' });
    expect(error.message).toBe(
      'The over-cap reason looks like it contains an NHS number (“943 476 5919”). ContactCap does not keep patient identifiers: take the number out and describe the reason without it.',
    );
  });
});
