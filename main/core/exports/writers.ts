import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Table } from './tables.ts';

export const IDENTIFIER_WARNING = 'CONTAINS PATIENT IDENTIFIERS (NHS numbers and notes): store and share it securely, and delete it when done.';

/**
 * One table as CSV, written by PapaParse: UTF-8 with a byte-order mark (so Excel
 * reads it as UTF-8), a header row, CRLF line ends, and any text a spreadsheet
 * would run as a formula (starting with =, +, -, @, tab or carriage return)
 * given a leading apostrophe (PapaParse's escapeFormulae).
 */
export function toCsv(table: Table, includeIdentifiers: boolean): string {
  const body = Papa.unparse({ fields: table.columns, data: table.rows }, { newline: '\r\n', escapeFormulae: true });
  const warning = includeIdentifiers ? `${Papa.unparse([[IDENTIFIER_WARNING]], { newline: '\r\n' })}\r\n` : '';
  return `\uFEFF${warning}${body}${body.endsWith('\r\n') ? '' : '\r\n'}`;
}

export interface Sheet {
  title: string;
  table: Table;
  /** The summary sheet is laid out for reading: wider columns and a coloured header. */
  summary?: boolean;
}

/**
 * A workbook with one sheet per table, written with ExcelJS's streaming writer
 * (a year of contacts is too much to hold as a workbook object). Header rows are
 * bold and frozen; columns are sized to their contents.
 */
export async function toXlsx(sheets: readonly Sheet[], includeIdentifiers: boolean): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', () => resolve());
    sink.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  workbook.creator = 'ContactCap';
  for (const { title, table, summary } of sheets) {
    const headerRow = includeIdentifiers ? 2 : 1;
    const sheet = workbook.addWorksheet(title, { views: [{ state: 'frozen', ySplit: headerRow }] });
    sheet.columns = table.columns.map((column, index) => ({
      key: column,
      width: Math.min(summary ? 40 : 32, Math.max(column.length + 2, ...table.rows.slice(0, 200).map((row) => String(row[index] ?? '').length + 2))),
    }));
    if (includeIdentifiers) {
      const warning = sheet.addRow([IDENTIFIER_WARNING]);
      warning.font = { bold: true, color: { argb: 'FFB10E1E' } };
      warning.commit();
    }
    const header = sheet.addRow(table.columns);
    header.font = { bold: true, color: { argb: summary ? 'FFFFFFFF' : 'FF0B0C0C' } };
    if (summary) header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF005EB8' } };
    header.commit();
    // Cells are written as typed values: text is stored as text, never as a formula, so it needs no apostrophe.
    for (const row of table.rows) sheet.addRow(row).commit();
    sheet.commit();
  }
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}
