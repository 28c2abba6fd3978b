import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ClinicianRole } from '../../shared/domain.ts';
import { addPracticeDays, practiceDayOf, startOfPracticeDay } from '../../shared/practiceDay.ts';
import { FakeClock, must, openTestCore, sequentialIds } from '../helpers/fixtures.ts';

/**
 * A realistic five-year practice database: 20 clinicians, about 30 contacts each
 * per working day, about 1.5% of contacts voided. Built once through the real
 * core (so every row is a real event) and reused while the generator is unchanged.
 */
export const SEED_VERSION = 2;
const CLINICIANS = 20;
const YEARS = 5;

export interface FiveYearInfo {
  seedVersion: number;
  builtFor: string;
  contacts: number;
  voids: number;
  events: number;
  clinicians: number;
  buildSeconds: number;
}

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROLES: ClinicianRole[] = ['gp_partner', 'gp_partner', 'salaried_gp', 'salaried_gp', 'salaried_gp', 'locum_gp', 'gp_registrar', 'advanced_nurse_practitioner', 'practice_nurse', 'clinical_pharmacist'];
const MODE_WEIGHTS: [string, number][] = [
  ['face_to_face', 0.62],
  ['telephone', 0.3],
  ['video', 0.02],
  ['online', 0.04],
  ['home_visit', 0.02],
];

function pickType(random: () => number): string {
  let roll = random();
  for (const [typeId, weight] of MODE_WEIGHTS) {
    roll -= weight;
    if (roll <= 0) return typeId;
  }
  return 'face_to_face';
}

function isWorkingDay(day: string): boolean {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** Returns the folder holding the five-year database for `today`, building it if needed. */
export function ensureFiveYearDatabase(root: string, today: string, log: (line: string) => void): { dir: string; info: FiveYearInfo } {
  const dir = path.join(root, '.bench', 'five-year');
  const infoFile = path.join(dir, 'info.json');
  if (existsSync(infoFile)) {
    const info = JSON.parse(readFileSync(infoFile, 'utf8')) as FiveYearInfo;
    if (info.seedVersion === SEED_VERSION) return { dir, info };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const firstDay = addPracticeDays(today, -365 * YEARS - 1);
  const clock = new FakeClock(startOfPracticeDay(firstDay) + 7 * 3_600_000);
  const core = openTestCore(dir, { clock, ids: sequentialIds('c') });
  const random = prng(20261121);
  const clinicianIds = Array.from({ length: CLINICIANS }, (_, i) =>
    must(core.call('clinician.create', { name: `Clinician ${String(i + 1).padStart(2, '0')}`, role: ROLES[i % ROLES.length] ?? 'other', dailyCap: 25 })).id,
  );
  let contacts = 0;
  let voids = 0;
  for (let day = firstDay; day < today; day = addPracticeDays(day, 1)) {
    if (!isWorkingDay(day)) continue;
    const start = startOfPracticeDay(day) + 8 * 3_600_000;
    const plan: { at: number; clinicianId: string }[] = [];
    for (const clinicianId of clinicianIds) {
      const count = 24 + Math.floor(random() * 13); // 24–36, about 30 on average
      for (let i = 0; i < count; i++) plan.push({ at: start + Math.floor(random() * 10.5 * 3_600_000), clinicianId });
    }
    plan.sort((a, b) => a.at - b.at);
    core.db.transaction(() => {
      for (const entry of plan) {
        clock.set(entry.at);
        const typeId = pickType(random);
        const first = core.call('contact.record', { clinicianId: entry.clinicianId, typeId });
        // Beyond the cap, a contact is only recorded as urgent over the cap, as at a real desk.
        const contact = first.ok
          ? first.value
          : must(core.call('contact.record', { clinicianId: entry.clinicianId, typeId, overCapReason: 'Clinically urgent: needs seeing today' }));
        contacts++;
        if (random() < 0.015) {
          must(core.call('contact.void', { contactId: contact.id, reason: 'Recorded against the wrong clinician' }));
          voids++;
        }
      }
    })();
    if (practiceDayOf(start).endsWith('-01-02')) log(`  … ${day}: ${contacts.toLocaleString('en-GB')} contacts so far`);
  }
  const events = core.db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  core.close();
  const info: FiveYearInfo = {
    seedVersion: SEED_VERSION,
    builtFor: today,
    contacts,
    voids,
    events,
    clinicians: CLINICIANS,
    buildSeconds: Math.round((Date.now() - started) / 1000),
  };
  writeFileSync(infoFile, JSON.stringify(info, null, 2));
  return { dir, info };
}

/**
 * A throwaway copy to measure against, so the reference database never changes. The copy
 * (half a gigabyte) is flushed to disk before anything is timed: otherwise the system writes
 * it back some seconds later, in the middle of a measurement, which no practice PC sees.
 */
export function workingCopy(sourceDir: string, targetDir: string): void {
  rmSync(targetDir, { recursive: true, force: true });
  mkdirSync(targetDir, { recursive: true });
  const target = path.join(targetDir, 'contactcap.db');
  copyFileSync(path.join(sourceDir, 'contactcap.db'), target);
  const handle = openSync(target, 'r+');
  try {
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
}
