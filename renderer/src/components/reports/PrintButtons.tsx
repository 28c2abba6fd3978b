import { useAnnounce } from '../common/announce.ts';
import { useReportsStore } from '../../stores/reportsStore.ts';
import { useOneAtATime } from '../settings/sectionSave.tsx';

/**
 * Print, and Save as PDF (a file where the user chooses in the desktop app; the
 * print dialog, with its own "Save as PDF", in a browser). Both lay the page out
 * with the print stylesheet: one A4 page, tables instead of charts.
 * `datesProblem` is asked first: while the screen's dates are wrong it says
 * what is wrong (and puts them on show), and nothing is printed or saved.
 */
export function PrintButtons({ what, fileName, datesProblem }: { what: string; fileName: string; datesProblem?: () => string | null }) {
  const saveAsPdf = useReportsStore((state) => state.saveAsPdf);
  const announce = useAnnounce();
  const { busy, run } = useOneAtATime();

  /** Whether the dates allow it; when not, says so. */
  function datesAllow(refused: string): boolean {
    const problem = datesProblem?.() ?? null;
    if (problem) announce(`${refused} ${problem}`, 'error');
    return problem === null;
  }

  async function pdf() {
    if (!datesAllow('Nothing was saved.')) return;
    const result = await run(() => saveAsPdf(fileName));
    if (!result) return;
    if (!result.ok) announce(result.error.message, 'error');
    else if (result.value.kind === 'cancelled') announce('Not saved: the save dialog was closed.');
    else if (result.value.kind === 'print_dialog') announce(`To save the ${what} as a PDF, choose “Save as PDF” as the printer in the print dialog.`);
    else announce(`Saved the ${what} as a PDF: ${result.value.path}`);
  }

  return (
    <div className="print-buttons no-print" role="group" aria-label={`Print the ${what}`}>
      <button
        type="button"
        onClick={() => {
          if (datesAllow('Nothing was printed.')) window.print();
        }}
      >
        Print
      </button>
      <button type="button" aria-disabled={busy || undefined} onClick={() => void pdf()}>
        Save as PDF
      </button>
    </div>
  );
}
