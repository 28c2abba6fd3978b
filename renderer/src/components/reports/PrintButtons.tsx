import { api } from '../../api/client.ts';
import { useAnnounce } from '../common/announce.ts';
import { useReportsStore } from '../../stores/reportsStore.ts';
import { useOneAtATime } from '../settings/sectionSave.tsx';

/**
 * Print (every shell) and, in the desktop app, Save as PDF. Both lay the page
 * out with the print stylesheet: one A4 page, tables instead of charts.
 */
export function PrintButtons({ what, fileName }: { what: string; fileName: string }) {
  const saveAsPdf = useReportsStore((state) => state.saveAsPdf);
  const announce = useAnnounce();
  const { busy, run } = useOneAtATime();
  const desktop = api().kind === 'desktop';

  async function pdf() {
    const result = await run(() => saveAsPdf(fileName));
    if (!result) return;
    if (!result.ok) announce(result.error.message, 'error');
    else if (result.value === null) announce('Not saved: the save dialog was closed.');
    else announce(`Saved the ${what} as a PDF: ${result.value}`);
  }

  return (
    <div className="print-buttons no-print" role="group" aria-label={`Print the ${what}`}>
      <button type="button" onClick={() => window.print()}>
        Print
      </button>
      {desktop && (
        <button type="button" aria-disabled={busy || undefined} onClick={() => void pdf()}>
          Save as PDF
        </button>
      )}
    </div>
  );
}
