import type { CapState } from '../../../../shared/domain.ts';

/** Used against cap as a bar; the numbers beside it carry the same information in text. */
export function CapMeter({ used, cap, state }: { used: number; cap: number; state: CapState }) {
  const scale = Math.max(cap, used, 1);
  const within = Math.min(used, cap);
  return (
    <span className={`meter meter-${state}`} aria-hidden="true">
      <span className="meter-fill" style={{ width: `${(within / scale) * 100}%` }} />
      {used > cap && <span className="meter-over" style={{ left: `${(cap / scale) * 100}%`, width: `${((used - cap) / scale) * 100}%` }} />}
      {cap > 0 && <span className="meter-cap" style={{ left: `${(cap / scale) * 100}%` }} />}
    </span>
  );
}
