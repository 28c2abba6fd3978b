import { useEffect } from 'react';
import type { FormError } from '../../stores/result.ts';

/**
 * A step's errors next to the field they are about. The field's own id is
 * `${prefix}-${field}` and its message `${prefix}-${field}-error`; an error
 * about no field on the step goes to the step's footer instead.
 */
export function fieldIds(prefix: string, field: string) {
  return { input: `${prefix}-${field}`, error: `${prefix}-${field}-error`, note: `${prefix}-${field}-note` };
}

/** The input's props: described by its note (when it has one), and by its error when there is one. */
export function describedInput(error: FormError | null, prefix: string, field: string, hasNote = true) {
  const ids = fieldIds(prefix, field);
  const invalid = error?.field === field;
  const describedBy = [hasNote ? ids.note : null, invalid ? ids.error : null].filter((id) => id !== null).join(' ');
  return { id: ids.input, 'aria-invalid': invalid ? (true as const) : undefined, 'aria-describedby': describedBy === '' ? undefined : describedBy };
}

export function FieldError({ error, prefix, field }: { error: FormError | null; prefix: string; field: string }) {
  if (error?.field !== field) return null;
  return (
    <p id={fieldIds(prefix, field).error} role="alert" className="field-error">
      {error.message}
    </p>
  );
}

/** The error for the footer: one that is not about any of the step's own fields. */
export function footerError(error: FormError | null, fields: readonly string[]): FormError | null {
  return error && (error.field === undefined || !fields.includes(error.field)) ? error : null;
}

/** After a refusal, the focus goes to the field it is about, so the person can put it right at once. */
export function useFocusOnError(error: FormError | null, prefix: string, fields: readonly string[]): void {
  useEffect(() => {
    if (error?.field && fields.includes(error.field)) document.getElementById(fieldIds(prefix, error.field).input)?.focus();
  }, [error, prefix, fields]);
}
