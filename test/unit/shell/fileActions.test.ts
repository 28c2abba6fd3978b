import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../main/core/createCore.ts';
import { fileActions, type SaveDialog } from '../../../main/desktop-shell/fileActions.ts';
import { DomainError } from '../../../main/core/errors.ts';
import { FakeClock, must, openTestCore, tempDir } from '../../helpers/fixtures.ts';

describe('desktop file actions', () => {
  let data: ReturnType<typeof tempDir>;
  let documents: ReturnType<typeof tempDir>;
  let core: Core;

  beforeEach(() => {
    data = tempDir('contactcap-files-data-');
    documents = tempDir('contactcap-files-docs-');
    core = openTestCore(data.dir, { clock: new FakeClock('2026-11-23T17:00:00Z') });
    const ada = must(core.call('clinician.create', { name: 'Dr Ada Patel', role: 'gp_partner' }));
    must(core.call('contact.record', { clinicianId: ada.id, typeId: 'telephone' }));
  });

  afterEach(() => {
    core.close();
    data.remove();
    documents.remove();
  });

  function dialogChoosing(choice: { canceled: boolean; filePath?: string }) {
    return { showSaveDialog: vi.fn<SaveDialog['showSaveDialog']>(() => Promise.resolve(choice)) };
  }

  it('offers the export’s own name in Documents and writes the file where the user chose', async () => {
    const target = path.join(documents.dir, 'monday.csv');
    const dialog = dialogChoosing({ canceled: false, filePath: target });
    const actions = fileActions(core, dialog, () => null, documents.dir);
    await expect(actions.saveExport({ format: 'csv', table: 'clinician-days', from: '2026-11-23', to: '2026-11-23' })).resolves.toEqual({ saved: target });
    expect(dialog.showSaveDialog).toHaveBeenCalledWith({
      title: 'Save as',
      defaultPath: path.join(documents.dir, 'contactcap-clinician-days-2026-11-23.csv'),
      filters: [{ name: 'CSV file', extensions: ['csv'] }],
    });
    const text = readFileSync(target, 'utf8');
    expect(text.split('\r\n')[1]).toMatch(/^2026-11-23,.*,Dr Ada Patel,gp_partner,am\+pm,true,false,true,25,1,0,4,/);
    expect(readdirSync(documents.dir)).toEqual(['monday.csv']);
  });

  it('writes nothing when the user cancels', async () => {
    const actions = fileActions(core, dialogChoosing({ canceled: true }), () => null, documents.dir);
    await expect(actions.saveExport({ format: 'xlsx', from: '2026-11-23', to: '2026-11-23' })).resolves.toEqual({ saved: null });
    expect(readdirSync(documents.dir)).toEqual([]);
  });

  it('passes the core’s refusal on, without opening the dialog', async () => {
    const dialog = dialogChoosing({ canceled: false, filePath: path.join(documents.dir, 'x.csv') });
    const actions = fileActions(core, dialog, () => null, documents.dir);
    await expect(actions.saveExport({ format: 'csv', from: '2026-11-23', to: '2026-11-22', table: 'contacts' })).rejects.toBeInstanceOf(DomainError);
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
  });

  it('explains a folder that has gone, and leaves no half-written file', async () => {
    const gone = path.join(documents.dir, 'no-such-folder', 'report.xlsx');
    const actions = fileActions(core, dialogChoosing({ canceled: false, filePath: gone }), () => null, documents.dir);
    await expect(actions.saveExport({ format: 'xlsx', from: '2026-11-23', to: '2026-11-23' })).rejects.toThrow(/cannot be found/);
    expect(existsSync(path.dirname(gone))).toBe(false);
  });

  it('saves the window as an A4 PDF, in the page size the stylesheet asks for', async () => {
    const target = path.join(documents.dir, 'day.pdf');
    const printToPDF = vi.fn(() => Promise.resolve(new Uint8Array([0x25, 0x50, 0x44, 0x46])));
    const actions = fileActions(core, dialogChoosing({ canceled: false, filePath: target }), () => ({ printToPDF }), documents.dir);
    await expect(actions.printToPdf({ fileName: 'contactcap-2026-11-23.pdf' })).resolves.toEqual({ saved: target });
    // preferCSSPageSize: the daily summary's landscape @page reaches the file.
    expect(printToPDF).toHaveBeenCalledWith({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    expect(readFileSync(target).subarray(0, 4).toString()).toBe('%PDF');
  });
});
