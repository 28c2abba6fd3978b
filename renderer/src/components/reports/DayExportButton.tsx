import { useAnnounce } from '../common/announce.ts';
import { useReportsStore } from '../../stores/reportsStore.ts';
import { useOneAtATime } from '../settings/sectionSave.tsx';
import { exportOutcomeText } from './exportOutcome.ts';

/**
 * The day on show as a workbook, every table one sheet: the Export screen's
 * own export (the same store action) for one day. Never with patient
 * identifiers: those take the Export screen's tick box and its warning.
 * While the date box holds no real date (`datesProblem`), nothing is exported.
 */
export function DayExportButton({ day, datesProblem }: { day: string; datesProblem: () => string | null }) {
  const exportFile = useReportsStore((state) => state.exportFile);
  const announce = useAnnounce();
  const { busy, run } = useOneAtATime();

  async function exportDay() {
    const problem = datesProblem();
    if (problem) {
      announce(`Nothing was exported. ${problem}`, 'error');
      return;
    }
    const result = await run(() => exportFile({ format: 'xlsx', from: day, to: day }));
    if (!result) return;
    if (result.ok) announce(exportOutcomeText(result.value));
    else announce(result.error.message, 'error');
  }

  return (
    <button type="button" className="no-print" aria-disabled={busy || undefined} onClick={() => void exportDay()}>
      {busy ? 'Exporting…' : 'Export this day (.xlsx)'}
    </button>
  );
}
