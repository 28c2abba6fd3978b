import { create } from 'zustand';
import type { BackupStatus } from '../../../shared/backups.ts';
import type { Envelope } from '../../../shared/result.ts';
import { api } from '../api/client.ts';
import { coalesce } from './coalesce.ts';

interface BackupsState {
  status: BackupStatus | null;
  loadError: string | null;
  load: () => Promise<void>;
  /** While the page is open: read again when this PC's settings change (a backup made or configured anywhere). */
  watch: () => () => void;
  /** A backup now; answers the core's envelope so the page can say how it went. */
  backUpNow: () => Promise<Envelope<BackupStatus>>;
  /** Sets the second folder, or clears it with ''. */
  setSecondFolder: (folder: string) => Promise<Envelope<BackupStatus>>;
  /** Asks for a backup to be restored at the next start. */
  restore: (name: string) => Promise<Envelope<BackupStatus>>;
  cancelRestore: () => Promise<Envelope<BackupStatus>>;
}

/** This PC's backups, for Settings → Backups. */
export const useBackupsStore = create<BackupsState>()((set) => {
  const keep = (result: Envelope<BackupStatus>): Envelope<BackupStatus> => {
    if (result.ok) set({ status: result.value, loadError: null });
    return result;
  };
  const load = coalesce(async () => {
    const result = await api().call('backup.status', {});
    if (result.ok) set({ status: result.value, loadError: null });
    else set({ loadError: result.error.message });
  });
  return {
    status: null,
    loadError: null,
    load,
    watch: () =>
      api().on('data.changed', ({ topics }) => {
        if (topics.includes('device')) void load();
      }),
    async backUpNow() {
      const result = keep(await api().call('backup.now', {}));
      // A failed backup is recorded in the status too.
      if (!result.ok) await load();
      return result;
    },
    async restore(name) {
      return keep(await api().call('backup.restore', { name }));
    },
    async cancelRestore() {
      return keep(await api().call('backup.cancelRestore', {}));
    },
    async setSecondFolder(folder) {
      return keep(await api().call('backup.configure', folder.trim() === '' ? {} : { secondFolder: folder.trim() }));
    },
  };
});
