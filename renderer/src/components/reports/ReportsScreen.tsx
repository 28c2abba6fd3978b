import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useUiStore } from '../../stores/uiStore.ts';
import { REPORT_TABS, useReportsStore, watchReportInputs, type ReportTab } from '../../stores/reportsStore.ts';
import { DayReportView } from './DayReportView.tsx';
import { ExportView } from './ExportView.tsx';
import { GpasView } from './GpasView.tsx';
import { RangeReportView } from './RangeReportView.tsx';

const TAB_LABELS: Record<ReportTab, string> = {
  day: 'Day',
  range: 'Range: week or month',
  gpas: 'GPAS return',
  export: 'Export',
};

const TAB_VIEWS: Record<ReportTab, () => React.JSX.Element> = {
  day: DayReportView,
  range: RangeReportView,
  gpas: GpasView,
  export: ExportView,
};

/**
 * What the practice manager opens at the end of the day and on Monday
 * morning: the day's summary, a week or month, the LMC's GPAS return, and exports.
 * Tabs follow the ARIA pattern: arrow keys move between them, Tab goes into the panel.
 * A tab with changes not saved yet (a GPAS assessment, the end-of-day export)
 * asks before another is shown, as leaving the screen does (LeaveDialog.tsx).
 */
export function ReportsScreen() {
  const tab = useReportsStore((state) => state.tab);
  const setTab = useReportsStore((state) => state.setTab);
  const leaveFor = useUiStore((state) => state.leaveFor);
  const tabs = useRef<HTMLDivElement>(null);

  useEffect(() => watchReportInputs(), []);

  // The focus follows the tab shown while it is on the tabs: after an arrow key, and after "Discard changes" (which gives it back to the tab pressed).
  useEffect(() => {
    const list = tabs.current;
    if (list?.contains(document.activeElement)) list.querySelector<HTMLButtonElement>(`#report-tab-${tab}`)?.focus();
  }, [tab]);

  function open(next: ReportTab) {
    if (next !== tab) leaveFor(`the “${TAB_LABELS[next]}” tab`, () => setTab(next));
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = REPORT_TABS.indexOf(tab);
    const next =
      event.key === 'ArrowRight'
        ? REPORT_TABS[(index + 1) % REPORT_TABS.length]
        : event.key === 'ArrowLeft'
          ? REPORT_TABS[(index - 1 + REPORT_TABS.length) % REPORT_TABS.length]
          : event.key === 'Home'
            ? REPORT_TABS[0]
            : event.key === 'End'
              ? REPORT_TABS[REPORT_TABS.length - 1]
              : undefined;
    if (next === undefined) return;
    event.preventDefault();
    open(next);
  }

  const View = TAB_VIEWS[tab];
  return (
    <div className="reports print-scope">
      <div ref={tabs} className="report-tabs no-print" role="tablist" aria-label="Reports" onKeyDown={onKeyDown}>
        {REPORT_TABS.map((name) => (
          <button
            key={name}
            id={`report-tab-${name}`}
            type="button"
            role="tab"
            aria-selected={tab === name}
            aria-controls="report-panel"
            tabIndex={tab === name ? 0 : -1}
            onClick={() => open(name)}
          >
            {TAB_LABELS[name]}
          </button>
        ))}
      </div>
      <div id="report-panel" role="tabpanel" aria-labelledby={`report-tab-${tab}`} className="report-panel">
        <View />
      </div>
    </div>
  );
}
