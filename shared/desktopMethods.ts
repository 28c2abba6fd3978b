import { z } from 'zod';
import { asyncMethod, contract, type SpecInputOf, type SpecParsedInputOf, type SpecResultOf } from './contract.ts';
import * as f from './schemas.ts';

/**
 * What only the desktop shell can do: a save dialog, a PDF of the window, the
 * small always-on-top window. Not part of the core's contract (the core, the
 * browser host and a script know nothing of them). The desktop shell hands its
 * handlers for these to the core's one dispatcher, which checks each input
 * against the schema here, over the same IPC channel as every other call; the
 * renderer's desktop transport calls them by these names. They always answer
 * later, with a promise.
 */
export const desktopMethods = {
  'desktop.setCompact': asyncMethod(
    z.strictObject({ on: f.flag('Compact') }),
    'Shrink the window to a small always-on-top panel, or give it back its size.',
  )<{ compact: boolean }>(),
  'desktop.saveExport': asyncMethod(contract['export.build'].input, 'Build an export and save it where the user chooses in a save dialog.')<{ saved: string | null }>(),
  'desktop.printToPdf': asyncMethod(z.strictObject({ fileName: f.pdfFileName }), 'Save the window, as printed on A4, as a PDF where the user chooses.')<{
    saved: string | null;
  }>(),
} as const;

export type DesktopMethods = typeof desktopMethods;
export type DesktopMethodName = keyof DesktopMethods;
/** What a caller sends. */
export type DesktopInputOf<M extends DesktopMethodName> = SpecInputOf<DesktopMethods, M>;
/** What the shell's handler receives once the dispatcher has checked it. */
export type DesktopParsedInputOf<M extends DesktopMethodName> = SpecParsedInputOf<DesktopMethods, M>;
export type DesktopResultOf<M extends DesktopMethodName> = SpecResultOf<DesktopMethods, M>;

export const DESKTOP_METHOD_NAMES = Object.keys(desktopMethods) as DesktopMethodName[];
