import type { Envelope } from '../../../shared/result.ts';

/** A failed call's message and field, ready for a form. */
export interface FormError {
  message: string;
  field?: string;
}

export function errorOf(envelope: Envelope<unknown>): FormError | null {
  if (envelope.ok) return null;
  return envelope.error.field === undefined ? { message: envelope.error.message } : { message: envelope.error.message, field: envelope.error.field };
}
