import { useId, useState, type ReactNode } from 'react';

/** A safe SVG id from React's useId (which may hold characters a url(#…) reference cannot). */
export function useSvgId(): string {
  return `c${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
}

/**
 * A chart with its data: the picture is one image with a summary for screen
 * readers, and the same figures are a real table behind "Show as a table".
 * On paper, the table prints and the chart does not.
 */
export function ChartFigure({
  headingId,
  title,
  controls,
  summary,
  legend,
  chart,
  table,
  empty,
}: {
  headingId: string;
  title: string;
  controls?: ReactNode;
  summary: string;
  legend?: ReactNode;
  chart: ReactNode;
  table: ReactNode;
  /** Said instead of the chart when there is nothing to draw. */
  empty: string | null;
}) {
  const [open, setOpen] = useState(false);
  const tableId = useId();
  return (
    <section className="panel chart-panel" aria-labelledby={headingId}>
      <div className="chart-head">
        <h2 id={headingId}>{title}</h2>
        {controls}
      </div>
      {empty !== null ? (
        <p className="empty">{empty}</p>
      ) : (
        <>
          <div className="chart-box" role="img" aria-label={summary}>
            {chart}
          </div>
          {legend && (
            <div className="chart-legend" aria-hidden="true">
              {legend}
            </div>
          )}
          <button type="button" className="quiet chart-toggle no-print" aria-expanded={open} aria-controls={tableId} onClick={() => setOpen(!open)}>
            {open ? 'Hide the table' : 'Show as a table'}
          </button>
          <div id={tableId} className="chart-data" hidden={!open}>
            {table}
          </div>
        </>
      )}
    </section>
  );
}

/** A legend entry: a swatch drawn like the chart draws it, and its words. */
export function LegendItem({ swatch, label }: { swatch: ReactNode; label: string }) {
  return (
    <span className="legend-item">
      <svg width="18" height="14" viewBox="0 0 18 14" aria-hidden="true" focusable="false">
        {swatch}
      </svg>
      {label}
    </span>
  );
}
