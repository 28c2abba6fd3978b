import { create } from 'zustand';
import type { AuditKind, AuditTrail } from '../../../shared/audit.ts';
import type { Envelope } from '../../../shared/result.ts';
import { api } from '../api/client.ts';
import { saveBlob } from '../api/httpTransport.ts';

export interface AuditFilter {
  from: string;
  to: string;
  /** Undefined: everyone; null: with nobody signed in. */
  staffId?: string | null;
  kind?: AuditKind;
}

interface AuditState {
  trail: AuditTrail | null;
  error: string | null;
  load: (filter: AuditFilter) => Promise<void>;
  /** Saves the trail as a CSV file, as a download (the desktop app asks where). */
  saveCsv: (filter: AuditFilter) => Promise<Envelope<{ fileName: string; rows: number }>>;
}

/** Settings → Audit trail: who changed what, read from the event log. */
export const useAuditStore = create<AuditState>()((set) => ({
  trail: null,
  error: null,
  async load(filter) {
    const result = await api().call('audit.list', filter);
    if (result.ok) set({ trail: result.value, error: null });
    else set({ trail: null, error: result.error.message });
  },
  async saveCsv(filter) {
    const result = await api().call('audit.csv', filter);
    if (!result.ok) return result;
    saveBlob(window, new Blob([result.value.csv], { type: 'text/csv;charset=utf-8' }), result.value.fileName);
    return { ok: true, value: { fileName: result.value.fileName, rows: result.value.rows } };
  },
}));
