import { create } from 'zustand';
import type { CollectiveAction } from '../../../shared/actions.ts';
import type { InputOf } from '../../../shared/contract.ts';
import type { Topic } from '../../../shared/events.ts';
import type { DayReport, EndOfDayStatus, GpasReport, RangeReport } from '../../../shared/reports.ts';
import type { Envelope } from '../../../shared/result.ts';
import { api } from '../api/client.ts';
import type { ExportInput, PdfOutcome, SaveOutcome } from '../api/transport.ts';
import { coalesce } from './coalesce.ts';

export const REPORT_TABS = ['day', 'range', 'gpas', 'export'] as const;
export type ReportTab = (typeof REPORT_TABS)[number];

export interface DateRange {
  from: string;
  to: string;
}

export type { ExportInput, PdfOutcome, SaveOutcome } from '../api/transport.ts';

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
  /** Saves an export the way this window can: a save dialog, or a download. */
  exportFile: (input: ExportInput) => Promise<Envelope<SaveOutcome>>;
  /** The page as printed, as a PDF: a file where the user chooses, or the browser's print dialog. */
  saveAsPdf: (fileName: string) => Promise<Envelope<PdfOutcome>>;
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
    exportFile: (input) => api().saveFile(input),
    saveAsPdf: (fileName) => api().printToPdf(fileName),
  };
});

/** How this window saves an export, so the page can say so before the button is pressed. */
export function exportSavesBy(): 'dialog' | 'download' {
  return api().savesBy;
}

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
