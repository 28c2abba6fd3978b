import { callHost } from '../helpers/host.ts';

/**
 * A large practice for the layout tests: 40 clinicians on the board, in the mix
 * a busy surgery has on a Monday — some full, one over the cap after an urgent
 * contact, some nearly full, two absent, one not working today, a nurse with no
 * cap and a few long names.
 */

type Host = { origin: string; token: string };

const FIRST = ['Ada', 'Ben', 'Chloe', 'Dana', 'Eve', 'Farid', 'Grace', 'Hamza', 'Isla', 'Jonah', 'Kiran', 'Leah', 'Mo', 'Nia', 'Owen', 'Priya', 'Quinn', 'Rosa', 'Sam', 'Tariq'];
const LAST = ['Patel', 'Okafor', 'Wright', 'Shah', 'Morgan', 'Hussain', 'Evans', 'Khan', 'Murphy', 'Nowak', 'Singh', 'Taylor', 'Adeyemi', 'Jones', 'Lewis', 'Begum', 'Walsh', 'Costa', 'Brown', 'Ali'];
const ROLES = ['gp_partner', 'salaried_gp', 'locum_gp', 'gp_registrar', 'advanced_nurse_practitioner', 'clinical_pharmacist', 'paramedic', 'physician_associate'] as const;

export interface BigPractice {
  names: string[];
  /** The first clinician, with room: the tests record with them. */
  withRoom: string;
  full: string;
  /** Working all day with room, far down the board. */
  lowerDown: string;
}

export async function seedBigPractice(host: Host, count = 40): Promise<BigPractice> {
  const status = (await callHost(host, 'system.status', {})).body as { value: { today: string } };
  const today = status.value.today;
  await callHost(host, 'settings.update', { dayEnd: '23:59', practiceName: 'Riverside Medical Practice' });
  await callHost(host, 'device.update', { staffName: 'JB', deviceName: 'Reception 1' });
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const title = i % 8 < 4 ? 'Dr ' : '';
    let name = `${title}${FIRST[i % FIRST.length] ?? 'Ada'} ${LAST[(i * 7) % LAST.length] ?? 'Patel'}`;
    if (i === 5) name = 'Dr Francesca Montgomery-Richardson';
    if (i === 17) name = 'Oluwaseun Adebayo-Fitzgerald';
    if (names.includes(name)) name = `${name} ${String(i)}`;
    names.push(name);
    const role = i === 9 ? 'practice_nurse' : (ROLES[i % ROLES.length] ?? 'salaried_gp');
    const created = (await callHost(host, 'clinician.create', { name, role, capped: i !== 9 })).body as { value: { id: string } };
    const id = created.value.id;
    const override = i === 12 || i === 27 ? { absent: true } : i === 33 ? { am: false, pm: false } : { am: true, pm: i % 11 !== 3, duty: i === 0 };
    await callHost(host, 'rota.setDay', { clinicianId: id, day: today, override });
    // Full: 2, 14, 21; over the cap: 2 (an urgent one on top); nearly full: 6, 19, 30; a few contacts for the rest.
    const used = [2, 14, 21].includes(i) ? 25 : [6, 19, 30].includes(i) ? 22 : i === 12 || i === 27 || i === 33 ? 0 : i % 5;
    for (let n = 0; n < used; n++) await callHost(host, 'contact.record', { clinicianId: id });
    if (i === 2) await callHost(host, 'contact.record', { clinicianId: id, overCapReason: 'Chest pain, needs seeing today' });
  }
  await callHost(host, 'redirection.record', { destinationId: 'builtin-111', reason: 'clinician_at_capacity', patientTold: true });
  return { names, withRoom: names[1] ?? '', full: names[21] ?? '', lowerDown: names[35] ?? '' };
}
