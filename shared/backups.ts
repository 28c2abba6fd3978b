/** This PC's backups, as the Backups page shows them (main/core/services/backups.ts). */
export interface BackupListed {
  name: string;
  kind: 'daily' | 'close' | 'before-update' | 'by-hand';
  createdAt: string;
  bytes: number;
  counts: { events: number; contacts: number; clinicians: number };
  lastEventAt: string | null;
}

export interface BackupStatus {
  /** Where the backups are kept: the data folder's `backups` folder. */
  folder: string;
  /** A second folder each backup is also copied to (another disk or a network share), or null. */
  secondFolder: string | null;
  /** Newest first; each was checked with SQLite's integrity_check before it was listed. */
  backups: BackupListed[];
  lastError: { at: string; message: string } | null;
  secondFolderError: { at: string; message: string } | null;
  /** Whether today (the practice day) has no backup yet. */
  dueToday: boolean;
  /** A restore asked for, done the next time ContactCap starts; null when none is waiting. */
  restorePending: { name: string; createdAt: string } | null;
}
