import { create } from 'zustand';
import type { CollectiveAction } from '../../../shared/actions.ts';
import type { InputOf } from '../../../shared/contract.ts';
import type { Topic } from '../../../shared/events.ts';
import type { DayReport, EndOfDayStatus, GpasReport, RangeReport } from '../../../shared/reports.ts';
import { fail, ok, type Envelope } from '../../../shared/result.ts';
import { api } from '../api/client.ts';
import { coalesce } from './coalesce.ts';

export const REPORT_TABS = ['day', 'range', 'gpas', 'export'] as const;
export type ReportTab = (typeof REPORT_TABS)[number];

export interface DateRange {
  from: string;
  to: string;
}

export type ExportInput = InputOf<'export.build'>;

/** Where an export went: the desktop app's chosen path, the browser's download, or nowhere (the dialog was closed). */
export type ExportOutcome = { kind: 'saved'; path: string } | { kind: 'downloaded'; fileName: string } | { kind: 'cancelled' };

interface ReportsState {
  tab: ReportTab;
  day: string | null;
  dayReport: DayReport | null;
  dayError: string | null;
  range: DateRange | null;
  rangeReport: RangeReport | null;
  rangeError: string | null;
  monday: string | null;
  gpas: GpasReport | null;
  gpasError: string | null;
  actions: CollectiveAction[] | null;
  actionsError: string | null;
  endOfDay: EndOfDayStatus | null;
  setTab: (tab: ReportTab) => void;
  showDay: (day: string) => Promise<void>;
  showRange: (range: DateRange) => Promise<void>;
  showGpas: (monday: string) => Promise<void>;
  /** Everything on the Reports screen again: the core's figures changed. */
  refreshReports: () => Promise<void>;
  /** The register and the GPAS return again (the core's "reports" topic). */
  refresh: () => Promise<void>;
  assessGpas: (input: InputOf<'gpas.assess'>) => Promise<Envelope<GpasReport>>;
  loadActions: () => Promise<void>;
  createAction: (input: InputOf<'action.create'>) => Promise<Envelope<CollectiveAction>>;
  updateAction: (input: InputOf<'action.update'>) => Promise<Envelope<CollectiveAction>>;
  loadEndOfDay: () => Promise<void>;
  configureEndOfDay: (input: InputOf<'export.configureEndOfDay'>) => Promise<Envelope<EndOfDayStatus>>;
  runEndOfDay: () => Promise<Envelope<EndOfDayStatus>>;
  exportFile: (input: ExportInput) => Promise<Envelope<ExportOutcome>>;
  saveAsPdf: (fileName: string) => Promise<Envelope<string | null>>;
}

const DOWNLOAD_FAILED = 'The file could not be downloaded. Check that ContactCap is still running on this PC, then try again.';

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
async function download(input: ExportInput): Promise<Envelope<ExportOutcome>> {
  const post = api().postToHost;
  if (!post) return fail('internal', DOWNLOAD_FAILED);
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
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start saving before the bytes are let go.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return ok({ kind: 'downloaded', fileName });
}

/** The manager's reports and the collective-action register. */
export const useReportsStore = create<ReportsState>()((set, get) => {
  const refreshDay = coalesce(async () => {
    const { day } = get();
    if (day === null) return;
    const result = await api().call('report.day', { day });
    if (get().day !== day) return;
    if (result.ok) set({ dayReport: result.value, dayError: null });
    else set({ dayError: result.error.message });
  });
  const refreshRange = coalesce(async () => {
    const { range } = get();
    if (range === null) return;
    const result = await api().call('report.range', range);
    const now = get().range;
    if (now?.from !== range.from || now.to !== range.to) return;
    if (result.ok) set({ rangeReport: result.value, rangeError: null });
    else set({ rangeError: result.error.message });
  });
  const refreshGpas = coalesce(async () => {
    const { monday } = get();
    if (monday === null) return;
    const result = await api().call('report.gpas', { monday });
    if (get().monday !== monday) return;
    if (result.ok) set({ gpas: result.value, gpasError: null });
    else set({ gpasError: result.error.message });
  });
  const loadActions = coalesce(async () => {
    const result = await api().call('action.list', {});
    if (result.ok) set({ actions: result.value, actionsError: null });
    else set({ actionsError: result.error.message });
  });
  const loadEndOfDay = coalesce(async () => {
    const result = await api().call('export.endOfDayStatus', {});
    if (result.ok) set({ endOfDay: result.value });
  });
  const afterAction = <T>(result: Envelope<T>): Envelope<T> => {
    if (result.ok) void loadActions();
    return result;
  };

  return {
    tab: 'day',
    day: null,
    dayReport: null,
    dayError: null,
    range: null,
    rangeReport: null,
    rangeError: null,
    monday: null,
    gpas: null,
    gpasError: null,
    actions: null,
    actionsError: null,
    endOfDay: null,
    setTab: (tab) => set({ tab }),
    async showDay(day) {
      if (get().day !== day) set({ day, dayError: null });
      await refreshDay();
    },
    async showRange(range) {
      const current = get().range;
      if (current?.from !== range.from || current.to !== range.to) set({ range, rangeError: null });
      await refreshRange();
    },
    async showGpas(monday) {
      if (get().monday !== monday) set({ monday, gpasError: null });
      await refreshGpas();
    },
    async refreshReports() {
      await Promise.all([refreshDay(), refreshRange(), refreshGpas()]);
    },
    async refresh() {
      await Promise.all([refreshGpas(), get().actions === null ? Promise.resolve() : loadActions()]);
    },
    async assessGpas(input) {
      const result = await api().call('gpas.assess', input);
      if (result.ok && get().monday === input.monday) set({ gpas: result.value, gpasError: null });
      return result;
    },
    loadActions,
    createAction: async (input) => afterAction(await api().call('action.create', input)),
    updateAction: async (input) => afterAction(await api().call('action.update', input)),
    loadEndOfDay,
    async configureEndOfDay(input) {
      const result = await api().call('export.configureEndOfDay', input);
      if (result.ok) set({ endOfDay: result.value });
      return result;
    },
    async runEndOfDay() {
      const result = await api().call('export.runEndOfDay', {});
      if (result.ok) set({ endOfDay: result.value });
      return result;
    },
    async exportFile(input) {
      if (api().kind === 'browser') return download(input);
      const result = await api().call('desktop.saveExport', input);
      if (!result.ok) return result;
      return ok(result.value.saved === null ? { kind: 'cancelled' } : { kind: 'saved', path: result.value.saved });
    },
    async saveAsPdf(fileName) {
      const result = await api().call('desktop.printToPdf', { fileName });
      return result.ok ? ok(result.value.saved) : result;
    },
  };
});

/** What the Reports screen's figures are made of: when any of these change, they are fetched again. */
const REPORT_INPUTS: readonly Topic[] = ['contacts', 'redirections', 'rota', 'clinicians', 'settings'];

/** While the Reports screen is open: keep its figures and this PC's end-of-day status up to date. */
export function watchReportInputs(): () => void {
  return api().on('data.changed', ({ topics }) => {
    const state = useReportsStore.getState();
    if (topics.some((topic) => REPORT_INPUTS.includes(topic))) void state.refreshReports();
    if (topics.includes('device') && state.endOfDay !== null) void state.loadEndOfDay();
  });
}
