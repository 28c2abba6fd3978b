import path from 'node:path';
import type { DesktopParsedInputOf, DesktopResultOf } from '../../shared/desktopMethods.ts';
import type { ExportFile } from '../../shared/reports.ts';
import type { Core } from '../core/createCore.ts';
import { DomainError } from '../core/errors.ts';
import { writeFileAtomic } from '../core/files.ts';

/** The parts of Electron the save actions need, so tests can stand in for them. */
export interface SaveDialog {
  showSaveDialog(options: { title: string; defaultPath: string; filters: { name: string; extensions: string[] }[] }): Promise<{ canceled: boolean; filePath?: string }>;
}

export interface PdfSource {
  printToPDF(options: { pageSize: 'A4'; printBackground: boolean; preferCSSPageSize: boolean }): Promise<Uint8Array>;
}

const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  csv: { name: 'CSV file', extensions: ['csv'] },
  xlsx: { name: 'Excel workbook', extensions: ['xlsx'] },
  pdf: { name: 'PDF', extensions: ['pdf'] },
};

/** Asks where to save (starting in Documents), then writes the file whole or not at all. */
async function saveWithDialog(dialog: SaveDialog, documentsDir: string, fileName: string, bytes: Uint8Array): Promise<{ saved: string | null }> {
  const extension = path.extname(fileName).slice(1);
  const choice = await dialog.showSaveDialog({ title: 'Save as', defaultPath: path.join(documentsDir, fileName), filters: [FILTERS[extension] ?? { name: 'File', extensions: [extension] }] });
  if (choice.canceled || !choice.filePath) return { saved: null };
  writeFileAtomic(choice.filePath, bytes);
  return { saved: choice.filePath };
}

export function fileActions(core: Core, dialog: SaveDialog, pdfSource: () => PdfSource | null, documentsDir: string) {
  return {
    async saveExport(input: DesktopParsedInputOf<'desktop.saveExport'>): Promise<DesktopResultOf<'desktop.saveExport'>> {
      const built = await core.invoke('export.build', input);
      if (!built.ok) throw new DomainError(built.error.code, built.error.message, built.error.field);
      const file = built.value as ExportFile;
      return saveWithDialog(dialog, documentsDir, file.fileName, Buffer.from(file.base64, 'base64'));
    },
    async printToPdf(input: DesktopParsedInputOf<'desktop.printToPdf'>): Promise<DesktopResultOf<'desktop.printToPdf'>> {
      const source = pdfSource();
      if (!source) throw new DomainError('not_available', 'There is no window to save as PDF.');
      // The stylesheet's page sizes win (the daily summary prints on landscape A4); A4 portrait otherwise.
      const pdf = await source.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
      return saveWithDialog(dialog, documentsDir, input.fileName, pdf);
    },
  };
}
