import { request } from 'node:http';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../main/web-shell/server.ts';
import { ROOT } from '../helpers/fixtures.ts';
import { closeAllCores, openCore, snapshot, type OpenedCore } from '../api/apiHarness.ts';
import { contactsIn, dayOf, seedWeek, type Week } from './week.ts';

/**
 * The browser host's POST /download (export.build's input as the JSON body):
 * export.build answered as a file the browser saves, on a test core with the
 * seeded week behind it.
 */

const TOKEN = 'download-test-token-0123456789abcdef';

let opened: OpenedCore;
let week: Week;
let host: RunningHost;

beforeAll(async () => {
  opened = openCore('2026-10-19T06:00:00Z');
  week = seedWeek(opened.core, opened.clock);
  host = await startHost({ core: opened.core, rendererDir: path.join(ROOT, 'out', 'renderer'), port: 0, token: TOKEN });
});
afterAll(async () => {
  await host.close();
  closeAllCores();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** POST /download with the export's details as the JSON body, the token in a header unless told otherwise. */
function download(input: unknown, headers: Record<string, string> = { 'X-ContactCap-Token': TOKEN }, rawBody?: string): Promise<Answer> {
  const body = rawBody ?? JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const options = { host: '127.0.0.1', port: host.port, method: 'POST', path: '/download', headers: { 'Content-Type': 'application/json', ...headers } };
    const req = request(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('POST /download', () => {
  it('answers a CSV export as an attachment with its file name, and bytes that parse back', async () => {
    const answer = await download({ format: 'csv', table: 'contacts', from: '2026-10-21', to: '2026-10-21' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-disposition']).toBe('attachment; filename="contactcap-contacts-2026-10-21.csv"');
    expect(answer.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
    expect([...answer.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(answer.body.toString('utf8'), { bom: true });
    expect(records[0]?.[0]).toBe('contact_id');
    const expectedIds = contactsIn(week)
      .filter((contact) => contact.ok && dayOf(contact.at) === '2026-10-21')
      .map((contact) => contact.id)
      .sort();
    expect(records.slice(1).map((record) => record[0]).sort()).toEqual(expectedIds);
  });

  it('answers a workbook with the spreadsheet type, and it opens with its sheets', async () => {
    const answer = await download({ format: 'xlsx', from: '2026-10-19', to: '2026-10-25', includeIdentifiers: true });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-disposition']).toBe('attachment; filename="contactcap-2026-10-19-to-2026-10-25-WITH-PATIENT-IDENTIFIERS.xlsx"');
    expect(answer.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(answer.body as unknown as ExcelJS.Buffer);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['Summary', 'Clinician days', 'Contacts by type', 'Contacts', 'Redirections', 'Deferrals']);
  });

  it('answers bad details with the JSON envelope and 400, naming the field, and changes nothing', async () => {
    const before = snapshot(opened.core.db);
    const cases: [unknown, string][] = [
      [{ format: 'csv', from: '2026-10-19', to: '2026-10-25' }, 'table'],
      [{ format: 'csv', table: 'contacts', from: '2026-10-25', to: '2026-10-19' }, 'to'],
      [{ format: 'pdf', table: 'contacts', from: '2026-10-19', to: '2026-10-25' }, 'format'],
      [{ format: 'csv', table: 'contacts', from: '23/11/2026', to: '2026-10-25' }, 'from'],
    ];
    for (const [input, field] of cases) {
      const answer = await download(input);
      expect(answer.status, field).toBe(400);
      expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(answer.headers['content-disposition']).toBeUndefined();
      expect(JSON.parse(answer.body.toString('utf8'))).toMatchObject({ ok: false, error: { code: 'invalid_input', field } });
    }
    expect(snapshot(opened.core.db)).toEqual(before);
  });

  it('answers details that are not JSON with the envelope and 400', async () => {
    const answer = await download(null, { 'X-ContactCap-Token': TOKEN }, '{not json');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body.toString('utf8'))).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('Nothing was saved') as unknown } });
  });

  it('refuses a download without the token', async () => {
    const answer = await download({ format: 'csv', table: 'contacts', from: '2026-10-21', to: '2026-10-21' }, {});
    expect(answer.status).toBe(401);
    expect(answer.headers['content-disposition']).toBeUndefined();
    expect(answer.body.toString('utf8')).not.toContain('contact_id');
  });
});
