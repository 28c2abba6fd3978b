import { useEffect } from 'react';
import { useUiStore } from '../../stores/uiStore.ts';
import { TabList } from '../common/TabList.tsx';
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
 * Tabs follow the ARIA pattern (common/TabList.tsx).
 * A tab with changes not saved yet (a GPAS assessment, the end-of-day export)
 * asks before another is shown, as leaving the screen does (LeaveDialog.tsx).
 */
export function ReportsScreen() {
  const tab = useReportsStore((state) => state.tab);
  const setTab = useReportsStore((state) => state.setTab);
  const leaveFor = useUiStore((state) => state.leaveFor);

  useEffect(() => watchReportInputs(), []);

  const View = TAB_VIEWS[tab];
  return (
    <div className="reports print-scope">
      <TabList
        tabs={REPORT_TABS}
        labels={TAB_LABELS}
        current={tab}
        onOpen={(next) => leaveFor(`the “${TAB_LABELS[next]}” tab`, () => setTab(next))}
        label="Reports"
        idPrefix="report-tab-"
        panelId="report-panel"
        className="report-tabs no-print"
      />
      <div id="report-panel" role="tabpanel" aria-labelledby={`report-tab-${tab}`} className="report-panel">
        <View />
      </div>
    </div>
  );
}
