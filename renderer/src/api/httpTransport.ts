import { fail, ok, type Envelope } from '../../../shared/result.ts';
import { forgetHostToken } from './hostToken.ts';
import type { ExportInput, SaveOutcome, Transport } from './transport.ts';

const NOT_ANSWERING =
  'ContactCap is not answering, so it is not known whether this was saved. Check that ContactCap is still running on this PC, then try again.';

/** A call that has had no answer by then is given up on (and, for records, retried with the same request id). */
const ANSWER_WITHIN_MS = 10_000;

export const DOWNLOAD_FAILED = 'The file could not be downloaded. Check that ContactCap is still running on this PC, then try again.';

/** How long a downloaded file's bytes are kept after the click, so the browser has time to start saving them. */
export const DOWNLOAD_KEPT_MS = 60_000;

type Post = (path: string, body: unknown, signal?: AbortSignal) => Promise<Response>;

/** The file name the browser host gives a download (Content-Disposition), or a plain one. */
function fileNameOf(response: Response): string {
  const match = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '');
  return match?.[1] ?? 'contactcap-export';
}

/**
 * The browser host's download route (POST /download with the token header): the
 * same export as export.build, answered as a file, or as the core's error in JSON.
 * Fetched rather than opened, so an error shows in the page instead of being
 * saved as a file; the bytes are saved through an object URL.
 */
async function download(scope: Window & typeof globalThis, post: Post, input: ExportInput): Promise<Envelope<SaveOutcome>> {
  let response: Response;
  try {
    response = await post('./download', input);
  } catch {
    return fail('internal', DOWNLOAD_FAILED);
  }
  if (!response.ok || (response.headers.get('Content-Type') ?? '').startsWith('application/json')) {
    try {
      const answer = (await response.json()) as Envelope<unknown>;
      if (!answer.ok) return answer;
    } catch {
      // Not the core's JSON: fall through to the general message.
    }
    return fail('internal', DOWNLOAD_FAILED);
  }
  const fileName = fileNameOf(response);
  saveBlob(scope, await response.blob(), fileName);
  return ok({ kind: 'downloaded', fileName });
}

/** Saves bytes the page already holds as a download with this name, through an object URL kept for a while. */
export function saveBlob(scope: Window & typeof globalThis, blob: Blob, fileName: string): void {
  const url = scope.URL.createObjectURL(blob);
  const link = scope.document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  scope.document.body.append(link);
  link.click();
  link.remove();
  scope.setTimeout(() => scope.URL.revokeObjectURL(url), DOWNLOAD_KEPT_MS);
}

/**
 * The browser host: JSON over POST with the token in a header, pushes over
 * server-sent events whose address carries it (EventSource cannot send headers).
 * No cookie: the host sets none. A file is saved as a download; a PDF through
 * the browser's print dialog; there is no always-on-top window.
 */
export function httpTransport(scope: Window & typeof globalThis, token: string): Transport {
  let source: EventSource | null = null;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  function ensureSource(): EventSource {
    if (source) return source;
    source = new scope.EventSource(`./api/events?token=${encodeURIComponent(token)}`);
    return source;
  }

  const post: Post = async (path, body, signal) => {
    const response = await scope.fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-ContactCap-Token': token },
      body: JSON.stringify(body ?? {}),
      credentials: 'omit',
      ...(signal ? { signal } : {}),
    });
    // The host no longer knows this token (it was restarted with a new one): a reload asks for the address.
    if (response.status === 401) forgetHostToken(scope);
    return response;
  };

  return {
    async invoke(method, input) {
      try {
        const response = await post(`./api/${encodeURIComponent(method)}`, input, AbortSignal.timeout(ANSWER_WITHIN_MS));
        return (await response.json()) as Envelope<unknown>;
      } catch {
        // A dropped connection, a timeout or a half-sent answer: nothing is known about what happened.
        return fail('unreachable', NOT_ANSWERING);
      }
    },
    on(event, listener) {
      const eventSource = ensureSource();
      let set = listeners.get(event);
      if (!set) {
        const created = new Set<(payload: unknown) => void>();
        listeners.set(event, created);
        eventSource.addEventListener(event, (message) => {
          const payload: unknown = JSON.parse((message as MessageEvent<string>).data);
          for (const each of created) each(payload);
        });
        set = created;
      }
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => {
        set.delete(wrapped);
      };
    },
    savesBy: 'download',
    saveFile: (input) => download(scope, post, input),
    printToPdf() {
      // The browser's print dialog offers "Save as PDF" as a printer. It opens after this answer, so the page can say so first.
      scope.setTimeout(() => scope.print(), 0);
      return Promise.resolve(ok({ kind: 'print_dialog' }));
    },
  };
}
