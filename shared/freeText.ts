import { z } from 'zod';
import { findNhsNumberLike } from './nhsNumber.ts';

/**
 * Free text the core keeps (DOMAIN.md §7, issue 10): every schema field a person
 * types words into is marked here with how to name it. Records are kept for good
 * in the event log, so text that looks like an NHS number is refused before
 * anything is saved (identifierProblem, called by the core's dispatcher):
 * - in a patient note, only while the practice does not collect identifiers, and
 *   then a note is refused altogether (notes are kept only with identifiers on);
 * - everywhere else (names, reasons, service details, wording) always: an
 *   identifier there is a mistake whatever the practice collects.
 */
export interface FreeTextField {
  /** How a message names the field, as a sentence's subject: “The over-cap reason”. */
  subject: string;
  /** What to do instead, after “take the number out and”: “describe the reason without it”. */
  instead: string;
  /** A note about the patient: kept only while the practice collects identifiers, and then it may hold one. */
  patientNote?: true;
  /** The field holds a phone number: ten digits starting with 0 are a UK phone number there. */
  phone?: true;
}

export const FREE_TEXT = z.registry<FreeTextField>();

/** Marks a schema as free text (see FREE_TEXT). */
export function freeText<S extends z.ZodType>(schema: S, field: FreeTextField): S {
  FREE_TEXT.add(schema, field);
  return schema;
}

export interface FreeTextProblem {
  message: string;
  field: string;
}

/**
 * The first marked field of a parsed input that breaks the rule above, or null.
 * `collecting` says whether the practice collects identifiers; it is asked only
 * when there is text to check.
 */
export function identifierProblem(schema: z.ZodType, value: unknown, collecting: () => boolean): FreeTextProblem | null {
  let found: FreeTextProblem | null = null;
  visitFreeText(schema, value, [], (field, text, path) => {
    if (found !== null || text === '') return;
    found = problemIn(field, text, path.join('.'), collecting);
  });
  return found;
}

function problemIn(field: FreeTextField, text: string, path: string, collecting: () => boolean): FreeTextProblem | null {
  if (field.patientNote) {
    if (collecting()) return null;
    return { field: path, message: 'This practice does not keep notes about patients in ContactCap. Leave the note empty: everything else is recorded without it.' };
  }
  const found = findNhsNumberLike(text, field.phone ? { phone: true } : {});
  if (found === null) return null;
  const why = collecting()
    ? `ContactCap keeps an NHS number only in a redirection’s NHS number box, never in ${field.subject.charAt(0).toLowerCase()}${field.subject.slice(1)}`
    : 'ContactCap does not keep patient identifiers';
  return { field: path, message: `${field.subject} looks like it contains an NHS number (“${found.text}”). ${why}: take the number out and ${field.instead}.` };
}

type Visit = (field: FreeTextField, text: string, path: (string | number)[]) => void;

/** Calls `visit` for each marked string in `value`, walking the schema alongside it. */
function visitFreeText(schema: z.ZodType, value: unknown, path: (string | number)[], visit: Visit): void {
  const field = FREE_TEXT.get(schema);
  if (field !== undefined) {
    if (typeof value === 'string') visit(field, value, path);
    return;
  }
  if (value === undefined || value === null) return;
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault) {
    visitFreeText(schema.unwrap() as z.ZodType, value, path, visit);
  } else if (schema instanceof z.ZodObject && typeof value === 'object') {
    for (const [key, inner] of Object.entries<z.ZodType>(schema.shape)) {
      visitFreeText(inner, (value as Record<string, unknown>)[key], [...path, key], visit);
    }
  } else if (schema instanceof z.ZodArray && Array.isArray(value)) {
    value.forEach((item, index) => visitFreeText(schema.element as z.ZodType, item, [...path, index], visit));
  } else if (schema instanceof z.ZodRecord && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) visitFreeText(schema.valueType as z.ZodType, item, [...path, key], visit);
  }
}
