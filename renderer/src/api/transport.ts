import { BRIDGE_GLOBAL, type ContactCapBridge } from '../../../shared/bridge.ts';
import type { InputOf } from '../../../shared/contract.ts';
import type { DesktopInputOf, DesktopMethodName, DesktopResultOf } from '../../../shared/desktopMethods.ts';
import type { PushEventName, PushEvents } from '../../../shared/events.ts';
import { ok, type Envelope } from '../../../shared/result.ts';
import { httpTransport } from './httpTransport.ts';
import { takeHostToken } from './hostToken.ts';

export type ExportInput = InputOf<'export.build'>;

/** Where a saved file went: the path chosen in the save dialog, the browser's download, or nowhere (the dialog was closed). */
export type SaveOutcome = { kind: 'saved'; path: string } | { kind: 'downloaded'; fileName: string } | { kind: 'cancelled' };

/** What "Save as PDF" did: wrote the file where the user chose, nothing (the dialog was closed), or opened the print dialog, which can save a PDF itself. */
export type PdfOutcome = { kind: 'saved'; path: string } | { kind: 'cancelled' } | { kind: 'print_dialog' };

/**
 * How the renderer reaches the core, and what it can do besides. Chosen once at
 * start; the stores ask it, and nothing else knows which one it got.
 */
export interface Transport {
  invoke(method: string, input?: unknown): Promise<Envelope<unknown>>;
  on<E extends PushEventName>(event: E, listener: (payload: PushEvents[E]) => void): () => void;
  /** Builds an export and saves it: in a save dialog (the desktop app), or as a download (a browser). */
  saveFile(input: ExportInput): Promise<Envelope<SaveOutcome>>;
  /** How saveFile saves, so the page can say so before the button is pressed. */
  readonly savesBy: 'dialog' | 'download';
  /** The page as printed on A4, as a PDF: written where the user chooses, or through the browser's own print dialog. */
  printToPdf(fileName: string): Promise<Envelope<PdfOutcome>>;
  /** The small always-on-top window; absent where there is none (a browser tab cannot float above other programs). */
  readonly setCompact?: (on: boolean) => Promise<Envelope<{ compact: boolean }>>;
}

/** The desktop bridge, else the browser host; null in a browser tab that has no token (it was opened without the full address). */
export function pickTransport(scope: Window & typeof globalThis = window): Transport | null {
  const bridge = (scope as unknown as Record<string, ContactCapBridge | undefined>)[BRIDGE_GLOBAL];
  if (bridge) return desktopTransport(bridge);
  const token = takeHostToken(scope);
  return token === null ? null : httpTransport(scope, token);
}

/**
 * The desktop app: every call over the preload's one invoke, the shell's own
 * methods (shared/desktopMethods.ts) included.
 */
export function desktopTransport(bridge: ContactCapBridge): Transport {
  const callShell = <M extends DesktopMethodName>(method: M, input: DesktopInputOf<M>) => bridge.invoke(method, input) as Promise<Envelope<DesktopResultOf<M>>>;
  const chosen = ({ saved }: { saved: string | null }) => (saved === null ? ({ kind: 'cancelled' } as const) : ({ kind: 'saved', path: saved } as const));
  return {
    invoke: (method, input) => bridge.invoke(method, input),
    on: (event, listener) => bridge.on(event, listener),
    savesBy: 'dialog',
    async saveFile(input) {
      const result = await callShell('desktop.saveExport', input);
      return result.ok ? ok(chosen(result.value)) : result;
    },
    async printToPdf(fileName) {
      const result = await callShell('desktop.printToPdf', { fileName });
      return result.ok ? ok(chosen(result.value)) : result;
    },
    setCompact: (on) => callShell('desktop.setCompact', { on }),
  };
}
