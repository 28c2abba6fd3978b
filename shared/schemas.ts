import { z } from 'zod';
import { CLINICIAN_ROLES, CONTACT_MODES, MAX_DAILY_CAP } from './domain.ts';
import { isPracticeDay } from './practiceDay.ts';
import { isReadableText, tidyText } from './text.ts';

/**
 * Field schemas with messages written for the person at the desk.
 * Every field used by an API input is defined here once.
 */

export const entityId = (what: string) =>
  z
    .string({ error: `Choose a ${what}.` })
    .trim()
    .min(1, { error: `Choose a ${what}.` })
    .max(64, { error: `That ${what} is not one ContactCap knows.` });

export const clinicianName = z
  .string({ error: 'Enter the clinician’s name.' })
  .overwrite(tidyText)
  .min(1, { error: 'Enter the clinician’s name.' })
  .max(80, { error: 'Keep the clinician’s name to 80 characters or fewer.' })
  .refine(isReadableText, { error: 'Enter the clinician’s name using letters, for example Dr Ada Patel.' });

export const clinicianRole = z.enum(CLINICIAN_ROLES, { error: 'Choose the clinician’s role from the list.' });

export const dailyCap = z
  .number({ error: 'Enter the daily cap as a whole number, for example 25.' })
  .int({ error: 'Enter the daily cap as a whole number, for example 25.' })
  .min(0, { error: 'The daily cap cannot be below 0.' })
  .max(MAX_DAILY_CAP, { error: `The daily cap cannot be above ${MAX_DAILY_CAP}.` });

export const contactMode = z.enum(CONTACT_MODES, { error: 'Choose how the contact happened from the list.' });

export const instant = z.iso.datetime({
  offset: true,
  error: 'Enter the time as a date and time, for example 2026-11-21T09:30:00Z.',
});

export const practiceDay = z
  .string({ error: 'Enter the date as YYYY-MM-DD, for example 2026-11-21.' })
  .refine(isPracticeDay, { error: 'Enter the date as YYYY-MM-DD, for example 2026-11-21.' });

export const voidReason = z
  .string({ error: 'Say why this contact is being voided.' })
  .overwrite(tidyText)
  .min(3, { error: 'Say why this contact is being voided (at least 3 characters).' })
  .max(200, { error: 'Keep the reason to 200 characters or fewer.' })
  .refine(isReadableText, { error: 'Say in words why this contact is being voided.' });
