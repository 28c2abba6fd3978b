import { createPortal } from 'react-dom';
import type { SlipLine } from '../../../../shared/signpostSlip.ts';
import { SignpostSlip } from './SignpostSlip.tsx';

/**
 * The copy of the slip that prints. It sits straight in <body>, outside the app
 * and its dialog, so the print stylesheet can show it alone, in the page's
 * normal flow (a modal dialog is fixed to the screen and clipped to its height).
 * Hidden on screen; it exists only while the "Redirected to …" step is open.
 */
export function SlipPrintSheet({ lines }: { lines: readonly SlipLine[] }) {
  return createPortal(
    <div className="slip-print-sheet">
      <SignpostSlip lines={lines} />
    </div>,
    document.body,
  );
}
