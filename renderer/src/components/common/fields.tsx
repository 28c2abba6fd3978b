import type { FormError } from '../../stores/result.ts';

/** Props that mark a field invalid and point it at the form's error message. */
export function invalidIf(error: FormError | null, field: string, messageId: string) {
  return error?.field === field ? { 'aria-invalid': true as const, 'aria-describedby': messageId } : {};
}

/**
 * Said of a date box holding a date that does not exist or is not finished
 * (30/02/2026, or no year yet). The browser keeps what was typed but gives the
 * page no value for it, so the screen says so rather than sending an empty date.
 */
export function notRealDate(box: HTMLInputElement, named = true): string {
  return notRealDateText((named ? box.labels?.[0]?.textContent.trim() : undefined) || null);
}

/** notRealDate's words, for a box with this label (null: a box alone, "That"). */
export function notRealDateText(label: string | null): string {
  return `${label ? `“${label}”` : 'That'} is not a real date, or it is not finished: check the day, the month and the year.`;
}

/** The first date box in a form that holds no real date (see notRealDate), as the form's error; null when there is none. */
export function impossibleDateIn(form: EventTarget): FormError | null {
  if (!(form instanceof HTMLFormElement)) return null;
  const box = Array.from(form.querySelectorAll<HTMLInputElement>('input[type="date"]')).find((input) => input.validity.badInput);
  if (!box) return null;
  return box.name === '' ? { message: notRealDate(box) } : { message: notRealDate(box), field: box.name };
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
