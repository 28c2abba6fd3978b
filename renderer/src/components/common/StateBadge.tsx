import { CAP_STATE_LABELS, type CapState } from '../../../../shared/domain.ts';

/** A cap state by word, shape and colour together, never colour alone. */
export function StateBadge({ state }: { state: CapState }) {
  return (
    <span className={`state state-${state}`}>
      <StateShape state={state} />
      {CAP_STATE_LABELS[state]}
    </span>
  );
}

function StateShape({ state }: { state: CapState }) {
  const common = { width: 16, height: 16, viewBox: '0 0 16 16', 'aria-hidden': true, focusable: false } as const;
  switch (state) {
    case 'available':
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="6.5" fill="currentColor" />
        </svg>
      );
    case 'nearly_full':
      return (
        <svg {...common}>
          <path d="M8 1.5 15 14.5H1Z" fill="currentColor" />
        </svg>
      );
    case 'full':
      return (
        <svg {...common}>
          <rect x="2" y="2" width="12" height="12" fill="currentColor" />
        </svg>
      );
    case 'over_cap':
      return (
        <svg {...common}>
          <path d="M5 1h6l4 4v6l-4 4H5l-4-4V5Z" fill="currentColor" />
          <path d="M5.5 5.5l5 5M10.5 5.5l-5 5" stroke="#fff" strokeWidth="2" />
        </svg>
      );
    case 'not_capped':
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
        </svg>
      );
  }
}
