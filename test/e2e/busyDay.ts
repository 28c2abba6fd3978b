import { addPracticeDays, practiceDayOf, startOfPracticeDay } from '../../shared/practiceDay.ts';
import { FakeClock, must, openTestCore } from '../helpers/fixtures.ts';

/**
 * Yesterday at a busy practice, for the report layout tests: 16 clinicians
 * (long names, every role, one uncapped nurse, a duty doctor over the cap),
 * every built-in type of contact and six of the practice's own with long
 * names, and redirections to services with long names. Written through the
 * real core with a clock set to each contact's time, before the host starts.
 */

export const BUSY_DAY = addPracticeDays(practiceDayOf(Date.now()), -1);

export const LONG_SERVICE = 'Community Pharmacist Consultation Service (Pharmacy First)';

const CLINICIANS = [
  ['Dr Francesca Montgomery-Richardson', 'gp_partner'],
  ['Dr Oluwaseun Adebayo-Fitzgerald', 'gp_partner'],
  ['Dr Ada Patel', 'salaried_gp'],
  ['Dr Benedict Okonkwo-Hargreaves', 'salaried_gp'],
  ['Dr Chloe Wright', 'locum_gp'],
  ['Dr Hamza Khan', 'gp_registrar'],
  ['Isla Murphy-Vanderberg', 'advanced_nurse_practitioner'],
  ['Jonah Nowak', 'advanced_nurse_practitioner'],
  ['Kiran Singh', 'practice_nurse'],
  ['Leah Taylor', 'practice_nurse'],
  ['Mo Adeyemi', 'clinical_pharmacist'],
  ['Nia Jones', 'clinical_pharmacist'],
  ['Owen Lewis', 'paramedic'],
  ['Priya Begum', 'physician_associate'],
  ['Quinn Walsh', 'healthcare_assistant'],
  ['Rosa Costa', 'other'],
] as const;

/** The practice's own types, as long as a type's name may be (40 characters). */
const OWN_TYPES = [
  ['Long-term condition review (annual)', true],
  ['Care home ward round, per resident', true],
  ['Social prescribing link worker referral', true],
  ['Structured medication review', true],
  ['Group consultation (diabetes)', true],
  ['Safeguarding discussion with other teams', false],
] as const;

const COUNTED_BUILTIN = ['face_to_face', 'telephone', 'video', 'online', 'home_visit', 'care_home_visit'];
const NOT_COUNTED_BUILTIN = ['admin', 'documents', 'results'];

const SERVICES = [
  ['pharmacy_first', LONG_SERVICE],
  ['urgent_treatment_centre', 'Riverside Urgent Treatment Centre and Minor Injuries Unit (St Mary’s site)'],
  ['enhanced_access_hub', 'North Riverside Primary Care Network Enhanced Access Hub'],
  ['self_referral', 'Musculoskeletal Physiotherapy Self-Referral Service (Talking Backs)'],
] as const;

export function seedBusyDay(dataDir: string): void {
  const start = startOfPracticeDay(BUSY_DAY);
  const clock = new FakeClock(start + 7 * 3_600_000);
  const core = openTestCore(dataDir, { clock });
  must(core.call('device.update', { staffName: 'JB', deviceName: 'Reception 1' }));
  must(core.call('settings.update', { practiceName: 'Riverside Medical Practice and Community Health Partnership' }));
  const ownTypes = OWN_TYPES.map(([name, counts]) => ({ id: must(core.call('contactType.create', { name, counts })).id, counts }));
  const counted = [...COUNTED_BUILTIN, ...ownTypes.filter((type) => type.counts).map((type) => type.id)];
  const notCounted = [...NOT_COUNTED_BUILTIN, ...ownTypes.filter((type) => !type.counts).map((type) => type.id)];
  const services = SERVICES.map(([kind, name]) => must(core.call('directory.create', { kind, name, phone: '0300 123 4567' })).id);
  const ids = CLINICIANS.map(([name, role], index) => {
    const id = must(core.call('clinician.create', { name, role, ...(role === 'practice_nurse' && index === 8 ? { capped: false } : {}) })).id;
    must(core.call('rota.setDay', { clinicianId: id, day: BUSY_DAY, override: { am: true, pm: index % 5 !== 4, duty: index === 0 } }));
    return id;
  });

  // Counted: 25 for the first three (the duty doctor then takes two urgent ones over), 22 (nearly full) for the next three, fewer for
  // the rest; and a few not counted each. Taken in turns through the morning, as a busy desk records them.
  const counts = ids.map((_, index) => (index < 3 ? 25 : index < 6 ? 22 : 6 + ((index * 5) % 13)));
  clock.set(start + 8 * 3_600_000);
  for (let n = 0; n < 25; n++) {
    ids.forEach((id, index) => {
      if (n >= (counts[index] ?? 0)) return;
      clock.advance(40_000);
      must(core.call('contact.record', { clinicianId: id, typeId: counted[(n + index) % counted.length] ?? 'telephone' }));
      if (n < 4 + (index % 4)) must(core.call('contact.record', { clinicianId: id, typeId: notCounted[(n + index) % notCounted.length] ?? 'admin' }));
    });
  }
  for (let n = 0; n < 2; n++) must(core.call('contact.record', { clinicianId: ids[0] ?? '', overCapReason: 'Clinically urgent: needs seeing today' }));
  services.forEach((destinationId, index) => {
    for (let n = 0; n <= index; n++) {
      clock.advance(60_000);
      must(
        core.call('redirection.record', {
          destinationId,
          reason: n % 2 === 0 ? 'clinician_at_capacity' : 'more_appropriate_service',
          patientTold: true,
          ...(index === 0 ? { pharmacyFirst: { route: 'signposted' as const } } : {}),
        }),
      );
    }
  });
  must(core.call('deferral.record', { kind: 'waiting_list', patientTold: true }));
  core.close();
}
