import { z } from 'zod';
import { MAX_IMPORT_CHARACTERS } from './clinicianImport.ts';
import { CLINICIAN_ROLES, DEFERRAL_KINDS, MAX_DAILY_CAP } from './domain.ts';
import { DESTINATION_KINDS, PHARMACY_FIRST_CONDITIONS, PHARMACY_FIRST_ROUTES, REDIRECTION_REASONS } from './directory.ts';
import { deskKeyProblem, parseDeskKey } from './deskKeys.ts';
import { CLOCK_TIME, DAY_FORMAT_PROBLEM, practiceDayProblem } from './practiceDay.ts';
import { WEEKDAYS } from './rota.ts';
import { MAX_LATE_ENTRY_DAYS } from './settings.ts';
import { IDENTIFIER_RETENTION_DAYS } from './identifiers.ts';
import { IDLE_MINUTES, PIN_ATTEMPTS, PIN_MAX_DIGITS, PIN_MIN_DIGITS, STAFF_ROLES } from './staff.ts';
import { freeText, type FreeTextField } from './freeText.ts';
import { isReadableText, tidyText } from './text.ts';

/**
 * Field schemas with messages written for the person at the desk.
 * Every field used by an API input is defined here once. Every field a person
 * types words into is marked with freeText (shared/freeText.ts): the core refuses
 * an NHS number in it.
 */

/** An id field; `what` is the thing it names (“clinician”), with “an” before a vowel sound. */
export const entityId = (what: string) => {
  const article = /^[aeiou]/i.test(what) ? 'an' : 'a';
  return z
    .string({ error: `Choose ${article} ${what}.` })
    .trim()
    .min(1, { error: `Choose ${article} ${what}.` })
    .max(64, { error: `That ${what} is not one ContactCap knows.` });
};

/** Tidied text that a person can read, between `min` and `max` characters; free text named as `field` says. */
const words = (field: FreeTextField, min: number, max: number, missing: string, tooLong: string, unreadable = missing) =>
  freeText(
    z
      .string({ error: missing })
      .overwrite(tidyText)
      .min(min, { error: missing })
      .max(max, { error: tooLong })
      .refine(isReadableText, { error: unreadable }),
    field,
  );

/** Optional free text: may be empty, tidied, limited in length; named in messages as `field.subject`. */
const optionalText = (max: number, field: FreeTextField) =>
  freeText(
    z
      .string({ error: `${field.subject} must be text.` })
      .overwrite(tidyText)
      .max(max, { error: `Keep ${field.subject.toLowerCase()} to ${max} characters or fewer.` })
      .refine((text) => !/\p{Cc}/u.test(text), { error: `${field.subject} has characters that cannot be shown.` }),
    field,
  );

export const clinicianName = words(
  { subject: 'The clinician’s name', instead: 'enter the name alone' },
  1,
  80,
  'Enter the clinician’s name.',
  'Keep the clinician’s name to 80 characters or fewer.',
  'Enter the clinician’s name using letters, for example Dr Ada Patel.',
);

export const initials = z
  .string({ error: 'Initials must be text, for example AP.' })
  .overwrite((text) => text.trim().toUpperCase())
  .regex(/^\p{Lu}{1,4}$/u, { error: 'Initials are 1 to 4 letters, for example AP.' });

export const deskKey = z
  .string({ error: 'Give the desk key as a number or a letter, for example 3 or Q.' })
  .transform((text, context) => {
    const key = parseDeskKey(text);
    if (key !== null) return key;
    context.addIssue({ code: 'custom', message: deskKeyProblem(text) ?? '' });
    return z.NEVER;
  });

export const clinicianRole = z.enum(CLINICIAN_ROLES, { error: 'Choose the clinician’s role from the list.' });

/** A CSV file of clinicians, as text: read row by row in the core (shared/clinicianImport.ts). */
export const clinicianCsv = z
  .string({ error: 'Give the CSV file’s contents as text.' })
  .max(MAX_IMPORT_CHARACTERS, { error: `That file is too big for a list of clinicians (more than ${MAX_IMPORT_CHARACTERS.toLocaleString('en-GB')} characters). Check it is the right file.` });

const cap = (what: string, example: number) =>
  z
    .number({ error: `Enter ${what} as a whole number, for example ${example}.` })
    .int({ error: `Enter ${what} as a whole number, for example ${example}.` })
    .min(0, { error: `${capitalise(what)} cannot be below 0.` })
    .max(MAX_DAILY_CAP, { error: `${capitalise(what)} cannot be above ${MAX_DAILY_CAP}.` });

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const dailyCap = cap('the daily cap', 25);
export const morningCap = cap('the morning cap', 13);
export const afternoonCap = cap('the afternoon cap', 12);
export const dateCap = cap('the cap for the day', 20);

export const flag = (what: string) => z.boolean({ error: `${what} must be yes or no.` });

export const typeId = z
  .string({ error: 'Choose the type of contact from the list.' })
  .trim()
  .min(1, { error: 'Choose the type of contact from the list.' })
  .max(64, { error: 'That type of contact is not one ContactCap knows.' });

export const contactTypeName = words({ subject: 'The contact type’s name', instead: 'enter the name alone' }, 2, 40, 'Enter a name for the contact type.', 'Keep the contact type’s name to 40 characters or fewer.');

export const typeKey = z
  .string({ error: 'The shortcut must be a single letter.' })
  .overwrite((text) => text.trim().toUpperCase())
  .regex(/^[A-Z]$/, { error: 'The shortcut must be a single letter.' });

export const instant = z.iso.datetime({
  offset: true,
  error: 'Enter the time as a date and time, for example 2026-11-21T09:30:00Z.',
});

export const practiceDay = z.string({ error: DAY_FORMAT_PROBLEM }).superRefine((text, context) => {
  const problem = practiceDayProblem(text);
  if (problem !== null) context.addIssue({ code: 'custom', message: problem });
});

export const voidReason = words(
  { subject: 'The reason for voiding', instead: 'say why without it' },
  3,
  200,
  'Say why this is being voided (at least 3 characters).',
  'Keep the reason to 200 characters or fewer.',
  'Say in words why this is being voided.',
);

export const lateReason = words(
  { subject: 'The late-entry reason', instead: 'say why without it' },
  3,
  200,
  'Say why this is being entered late (at least 3 characters), for example “tally sheet found”.',
  'Keep the late-entry reason to 200 characters or fewer.',
  'Say in words why this is being entered late.',
);

/** One id per thing a receptionist meant to record: sending it again records nothing more. */
export const requestId = z
  .string({ error: 'The request id must be text.' })
  .regex(/^[A-Za-z0-9_-]{8,64}$/, { error: 'The request id must be 8 to 64 letters, digits, hyphens or underscores.' });

export const lateEntryDays = z
  .number({ error: 'Enter how many days back late entries may go, as a whole number, for example 7.' })
  .int({ error: 'Enter how many days back late entries may go, as a whole number, for example 7.' })
  .min(0, { error: 'Late entries cannot go back fewer than 0 days.' })
  .max(MAX_LATE_ENTRY_DAYS, { error: `Late entries can go back at most ${MAX_LATE_ENTRY_DAYS} days.` });

export const overCapReason = words(
  { subject: 'The over-cap reason', instead: 'describe the reason without it' },
  3,
  200,
  'Give a short reason for the urgent over-cap contact (at least 3 characters).',
  'Keep the reason to 200 characters or fewer.',
  'Say in words why this patient is being seen over the cap.',
);

/** A note about the patient on a redirection or a deferral: kept only while the practice collects identifiers. */
export const note = optionalText(500, { subject: 'The note', instead: 'leave the note empty', patientNote: true });

/** The practice's comment on its GPAS return: for the LMC, never about a patient. */
export const gpasComment = optionalText(500, { subject: 'The comment', instead: 'describe the week without it' });

export const sessionPair = z.strictObject(
  { am: flag('Morning'), pm: flag('Afternoon') },
  { error: 'Say for the morning and the afternoon whether the clinician works.' },
);

export const weekPattern = z.strictObject(
  Object.fromEntries(WEEKDAYS.map((day) => [day, sessionPair])) as Record<(typeof WEEKDAYS)[number], typeof sessionPair>,
  { error: 'The weekly pattern needs every day, Monday to Sunday.' },
);

export const warningPercent = z
  .number({ error: 'Enter the warning level as a percentage, for example 85.' })
  .int({ error: 'Enter the warning level as a whole percentage, for example 85.' })
  .min(50, { error: 'The warning level must be at least 50%.' })
  .max(100, { error: 'The warning level cannot be above 100%.' });

export const clockTime = z
  .string({ error: 'Enter the time as HH:MM, for example 13:00.' })
  .regex(CLOCK_TIME, { error: 'Enter the time as HH:MM, for example 13:00.' });

export const destinationKind = z.enum(DESTINATION_KINDS, { error: 'Choose what kind of service this is.' });
/** A service's details in the directory, shown at the desk. */
export const servicePhone = optionalText(40, { subject: 'The phone number', instead: 'enter the service’s number alone', phone: true });
export const serviceAddress = optionalText(200, { subject: 'The address', instead: 'enter the service’s address alone' });
export const serviceHours = optionalText(120, { subject: 'The opening hours', instead: 'give the hours alone' });
export const serviceHint = optionalText(300, { subject: 'The hint', instead: 'write the hint without it' });
export const destinationName = words({ subject: 'The service’s name', instead: 'enter the name alone' }, 2, 80, 'Enter the service’s name.', 'Keep the service’s name to 80 characters or fewer.');
export const redirectionReason = z.enum(REDIRECTION_REASONS, { error: 'Choose why the patient is being redirected.' });
export const pharmacyFirstRoute = z.enum(PHARMACY_FIRST_ROUTES, { error: 'Say whether the patient was referred or signposted to the pharmacy.' });
export const pharmacyFirstCondition = z.enum(
  PHARMACY_FIRST_CONDITIONS.map((condition) => condition.id) as [string, ...string[]],
  { error: 'Choose one of the seven Pharmacy First conditions, or leave it empty.' },
);

export const patientTold = z.literal(true, {
  error: 'Confirm the patient was told what happens next and what to do if they get worse.',
});

export const nhsNumberText = z.string({ error: 'Enter the NHS number as 10 digits.' }).max(20, { error: 'An NHS number has 10 digits, for example 943 476 5919.' });

export const deferralKind = z.enum(DEFERRAL_KINDS, { error: 'Choose a later date or the waiting list.' });

export const staffName = words({ subject: 'Your name', instead: 'enter your name or initials alone' }, 1, 40, 'Enter your name or initials.', 'Keep your name to 40 characters or fewer.');
export const staffMemberName = words(
  { subject: 'The name', instead: 'enter the name alone' },
  1,
  60,
  'Enter the person’s name, for example Jo Bloggs.',
  'Keep the name to 60 characters or fewer.',
  'Enter the name using letters, for example Jo Bloggs.',
);
export const staffRole = z.enum(STAFF_ROLES, { error: 'Choose a role: reception, clinician, practice manager or administrator.' });
/** A PIN as typed: digits only, 4 to 8 of them. Its strength is checked where it is set. */
export const pin = z
  .string({ error: `Enter the PIN: ${PIN_MIN_DIGITS} to ${PIN_MAX_DIGITS} digits.` })
  .regex(/^[0-9]*$/, { error: 'A PIN is digits only (0–9).' })
  .min(PIN_MIN_DIGITS, { error: `A PIN has at least ${PIN_MIN_DIGITS} digits.` })
  .max(PIN_MAX_DIGITS, { error: `A PIN has at most ${PIN_MAX_DIGITS} digits.` });
export const idleMinutes = z
  .number({ error: 'Enter the idle time in whole minutes, for example 10.' })
  .int({ error: 'Enter the idle time in whole minutes, for example 10.' })
  .min(IDLE_MINUTES.min, { error: `The idle time must be at least ${IDLE_MINUTES.min} minute.` })
  .max(IDLE_MINUTES.max, { error: `The idle time can be at most ${IDLE_MINUTES.max} minutes (8 hours).` });
export const identifierRetentionDays = z
  .number({ error: 'Enter how many days identifiers are kept, as a whole number, for example 30.' })
  .int({ error: 'Enter how many days identifiers are kept, as a whole number, for example 30.' })
  .min(IDENTIFIER_RETENTION_DAYS.min, { error: `Keep identifiers for at least ${IDENTIFIER_RETENTION_DAYS.min} day.` })
  .max(IDENTIFIER_RETENTION_DAYS.max, { error: `Identifiers can be kept for at most ${IDENTIFIER_RETENTION_DAYS.max} days (10 years).` });
export const pinAttempts = z
  .number({ error: 'Enter how many wrong PINs lock a person out, as a whole number, for example 5.' })
  .int({ error: 'Enter how many wrong PINs lock a person out, as a whole number, for example 5.' })
  .min(PIN_ATTEMPTS.min, { error: `Allow at least ${PIN_ATTEMPTS.min} tries before a lockout.` })
  .max(PIN_ATTEMPTS.max, { error: `Allow at most ${PIN_ATTEMPTS.max} tries before a lockout (Cyber Essentials).` });
export const deviceName = words({ subject: 'The PC’s name', instead: 'name the PC without it' }, 1, 40, 'Enter a name for this PC, for example Reception 1.', 'Keep the PC’s name to 40 characters or fewer.');
export const practiceName = words({ subject: 'The practice’s name', instead: 'enter the name alone' }, 2, 100, 'Enter the practice’s name.', 'Keep the practice’s name to 100 characters or fewer.');
export const setupOutcome = z.enum(['done', 'skipped'], { error: 'Say whether the setup was done or skipped.' });
export const capBasis = words({ subject: 'What the cap is based on', instead: 'say what it is based on without it' }, 5, 300, 'Say what the cap is based on, for example practice policy.', 'Keep the basis to 300 characters or fewer.');
export const listSize = z
  .number({ error: 'Enter the list size as a whole number, for example 9500.' })
  .int({ error: 'Enter the list size as a whole number, for example 9500.' })
  .min(1, { error: 'The list size must be at least 1.' })
  .max(500_000, { error: 'The list size cannot be above 500,000.' });

const noticeText = (subject: string) =>
  words({ subject, instead: 'write it without it' }, 10, 1500, 'Write at least a sentence (10 characters or more).', 'Keep it to 1,500 characters or fewer.');
export const noticeWhy = noticeText('The notice’s “Why”');
export const receptionScript = noticeText('The reception script');
export const forPatients = optionalText(600, { subject: 'The text for patients', instead: 'write it without it' });
export const actionTitle = words({ subject: 'The action’s title', instead: 'give the title without it' }, 3, 200, 'Give the action a title (at least 3 characters).', 'Keep the title to 200 characters or fewer.');
export const folderPath = z
  .string({ error: 'Choose the folder the files go to.' })
  .trim()
  .min(1, { error: 'Choose the folder the files go to.' })
  .max(400, { error: 'That folder path is too long.' });
export const backupName = z
  .string({ error: 'Choose a backup from the list.' })
  .regex(/^contactcap-backup-[0-9-]{17}-(daily|close|before-update|by-hand)\.db$/, { error: 'Choose a backup from the list.' });
export const pdfFileName = z
  .string({ error: 'Give the file a name.' })
  .trim()
  .regex(/^[\w .,()-]{1,120}\.pdf$/i, { error: 'Give the file a name ending in .pdf, using letters, numbers and spaces.' });
