import type { FormError } from '../../stores/result.ts';

/** Props that mark a field invalid and point it at the form's error message. */
export function invalidIf(error: FormError | null, field: string, messageId: string) {
  return error?.field === field ? { 'aria-invalid': true as const, 'aria-describedby': messageId } : {};
}

export function ErrorMessage({ error, id }: { error: FormError | null; id: string }) {
  if (!error) return null;
  return (
    <p id={id} role="alert" className="field-error">
      {error.message}
    </p>
  );
}

export function KeyCap({ children }: { children: string }) {
  return <kbd className="keycap">{children}</kbd>;
}
