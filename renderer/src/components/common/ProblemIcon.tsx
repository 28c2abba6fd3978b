/** A warning sign beside words that say what is wrong: a shape as well as a colour, never instead of the words. */
export function ProblemIcon() {
  return (
    <svg className="problem-icon" width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" focusable="false">
      <path d="M9 1.5 17 16H1Z" fill="currentColor" />
      <path d="M9 6.5v4.5" stroke="#fff" strokeWidth="2" strokeLinecap="round" />
      <circle cx="9" cy="13.4" r="1.2" fill="#fff" />
    </svg>
  );
}
