// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient, setApiClient } from '../../../renderer/src/api/client.ts';
import { httpTransport } from '../../../renderer/src/api/httpTransport.ts';
import { exportSavesBy, useReportsStore, type ExportInput } from '../../../renderer/src/stores/reportsStore.ts';

/**
 * In a browser there is no save dialog: an export is fetched from the browser
 * host's POST /download (with the token header) and handed to the browser as a
 * download. The host is the network boundary, so fetch is the stand-in here;
 * the real host and Chromium are in test/e2e/weeklySummary.test.ts.
 */

const TOKEN = 'tab-token-0123456789abcdefghijklmnopqr';
const INPUT: ExportInput = { format: 'csv', table: 'contacts', from: '2026-11-16', to: '2026-11-22' };
const CSV = 'practice_day,clinician\r\n2026-11-16,Dr Ada Patel\r\n';
const FILE_NAME = 'contactcap-contacts-2026-11-16-to-2026-11-22.csv';

describe('saving an export in a browser', () => {
  let fetch: ReturnType<typeof vi.fn<typeof window.fetch>>;
  let clicked: { download: string; href: string; inPage: boolean }[];
  let saved: Blob[];
  let revoked: string[];
  const onClick = (event: MouseEvent) => {
    const link = event.target as HTMLAnchorElement;
    clicked.push({ download: link.download, href: link.href, inPage: document.body.contains(link) });
    // jsdom does not download; what the browser would do with the click is checked in the e2e test.
    event.preventDefault();
  };

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    fetch = vi.fn<typeof window.fetch>();
    vi.spyOn(window, 'fetch').mockImplementation(fetch);
    clicked = [];
    saved = [];
    revoked = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      saved.push(blob as Blob);
      return `blob:contactcap/${saved.length}`;
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => revoked.push(url));
    document.addEventListener('click', onClick);
    setApiClient(createClient(httpTransport(window, TOKEN)));
  });
  afterEach(() => {
    document.removeEventListener('click', onClick);
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  const answerWith = (body: string, status: number, headers: Record<string, string>) => fetch.mockResolvedValueOnce(new Response(body, { status, headers }));

  it('posts the export to /download with the token, and the browser downloads the file under the host’s name', async () => {
    answerWith(CSV, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${FILE_NAME}"` });
    expect(exportSavesBy()).toBe('download');
    await expect(useReportsStore.getState().exportFile(INPUT)).resolves.toEqual({ ok: true, value: { kind: 'downloaded', fileName: FILE_NAME } });

    expect(fetch).toHaveBeenCalledTimes(1);
    const [path, init] = fetch.mock.calls[0] ?? [];
    expect(path).toBe('./download');
    expect(init).toMatchObject({ method: 'POST', credentials: 'omit', headers: { 'Content-Type': 'application/json', 'X-ContactCap-Token': TOKEN } });
    expect(JSON.parse(init?.body as string)).toEqual({ format: 'csv', table: 'contacts', from: '2026-11-16', to: '2026-11-22' });

    expect(clicked).toEqual([{ download: FILE_NAME, href: 'blob:contactcap/1', inPage: true }]);
    expect(saved).toHaveLength(1);
    await expect(saved[0]?.text()).resolves.toBe(CSV);
    // The link goes once clicked; the bytes are kept a minute for the browser to save them.
    expect(document.querySelectorAll('a')).toHaveLength(0);
    vi.advanceTimersByTime(59_999);
    expect(revoked).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(revoked).toEqual(['blob:contactcap/1']);
  });

  it('gives the core’s refusal back as it came, and downloads nothing', async () => {
    const refusal = { ok: false, error: { code: 'invalid_input', message: 'The end date is before the start date. Choose dates in order.', field: 'to' } };
    answerWith(JSON.stringify(refusal), 400, { 'Content-Type': 'application/json; charset=utf-8' });
    await expect(useReportsStore.getState().exportFile({ ...INPUT, from: '2026-11-22', to: '2026-11-16' })).resolves.toEqual(refusal);
    expect(clicked).toEqual([]);
    expect(saved).toEqual([]);
  });

  it('says the file could not be downloaded when the host is gone or answers with something that is not the core’s', async () => {
    fetch.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    answerWith('<html>Bad gateway</html>', 502, { 'Content-Type': 'text/html' });
    for (let i = 0; i < 2; i++) {
      const result = await useReportsStore.getState().exportFile(INPUT);
      expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
      expect(result.ok ? '' : result.error.message).toMatch(/^The file could not be downloaded\. Check that ContactCap is still running on this PC/);
    }
    expect(clicked).toEqual([]);
  });

  it('forgets the tab’s token when the host no longer knows it, so a reload asks for the address', async () => {
    sessionStorage.setItem('contactcap.hostToken', TOKEN);
    answerWith(JSON.stringify({ ok: false, error: { code: 'unauthorised', message: 'Open the full address.' } }), 401, { 'Content-Type': 'application/json' });
    await expect(useReportsStore.getState().exportFile(INPUT)).resolves.toMatchObject({ ok: false, error: { code: 'unauthorised' } });
    expect(sessionStorage.getItem('contactcap.hostToken')).toBeNull();
  });

  it('saves a PDF through the browser’s own print dialog, opened just after the answer', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    await expect(useReportsStore.getState().saveAsPdf('contactcap-2026-11-23.pdf')).resolves.toEqual({ ok: true, value: { kind: 'print_dialog' } });
    expect(print).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(print).toHaveBeenCalledTimes(1);
    expect(fetch).not.toHaveBeenCalled();
  });
});
