import { useEffect, useState, type SyntheticEvent } from 'react';
import type { BackupListed } from '../../../../shared/backups.ts';
import { formatWhen, plural } from '../../format.ts';
import { useBackupsStore } from '../../stores/backupsStore.ts';
import { errorOf, type FormError } from '../../stores/result.ts';
import { useAnnounce } from '../common/announce.ts';
import { ErrorMessage } from '../common/fields.tsx';
import { ConfirmDialog } from './network/ConfirmDialog.tsx';
import { describedField, Unsaved, useOneAtATime } from './sectionSave.tsx';

const KIND_WORDS: Record<BackupListed['kind'], string> = {
  daily: 'Daily',
  close: 'When ContactCap closed',
  'before-update': 'Before an update',
  'by-hand': 'Made by hand',
};

const ERROR_ID = 'second-folder-error';


function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Settings → Backups: this PC's backups, a backup now, and a second folder for copies. */
export function BackupsPage() {
  const status = useBackupsStore((state) => state.status);
  const loadError = useBackupsStore((state) => state.loadError);
  const load = useBackupsStore((state) => state.load);
  const backUpNow = useBackupsStore((state) => state.backUpNow);
  const setSecondFolder = useBackupsStore((state) => state.setSecondFolder);
  const restore = useBackupsStore((state) => state.restore);
  const cancelRestore = useBackupsStore((state) => state.cancelRestore);
  const [restoring, setRestoring] = useState<BackupListed | null>(null);
  const announce = useAnnounce();
  const making = useOneAtATime();
  const saving = useOneAtATime();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<FormError | null>(null);

  const watch = useBackupsStore((state) => state.watch);
  useEffect(() => {
    void load();
    return watch();
  }, [load, watch]);

  if (!status) {
    return (
      <section className="panel" aria-labelledby="backups-heading">
        <h2 id="backups-heading">Backups on this PC</h2>
        <p className="muted">{loadError ?? 'Loading…'}</p>
      </section>
    );
  }

  const folder = draft ?? status.secondFolder ?? '';
  const dirty = folder.trim() !== (status.secondFolder ?? '');

  async function makeOne() {
    const result = await making.run(() => backUpNow());
    if (!result) return;
    if (result.ok) announce(`Backup made and checked: ${plural(result.value.backups[0]?.counts.contacts ?? 0, 'contact')} in it.`);
    else announce(result.error.message, 'error');
  }

  async function save(event: SyntheticEvent) {
    event.preventDefault();
    const result = await saving.run(() => setSecondFolder(folder));
    if (!result) return;
    const failure = errorOf(result);
    setError(failure);
    if (failure) return;
    setDraft(null);
    announce(folder.trim() === '' ? 'Backups are kept on this PC only.' : `Each backup is also copied to ${folder.trim()}.`);
  }

  return (
    <div className="settings backups-page">
      <section className="panel" aria-labelledby="backups-heading">
        <h2 id="backups-heading">Backups on this PC</h2>
        <p className="muted">
          ContactCap backs up this PC’s records once a day, when it closes, and before each update, while the desk carries on. Each backup is checked before it is kept.
          It keeps every backup of the last day, then one a day for a week, one a week for a month and one a month for a year.
        </p>
        <p className="backups-where">
          Kept in <span className="who-detail backups-path">{status.folder}</span>
        </p>
        {status.restorePending && (
          <div className="restore-pending" role="status">
            <p>
              <strong>⚠ A restore is waiting:</strong> the backup of {formatWhen(status.restorePending.createdAt)} replaces this PC’s database the next time ContactCap starts.
              Close ContactCap and open it again to finish.
            </p>
            <button
              type="button"
              onClick={() =>
                void cancelRestore().then((result) => {
                  if (result.ok) announce('The restore is cancelled: nothing will be restored.');
                  else announce(result.error.message, 'error');
                })
              }
            >
              Do not restore
            </button>
          </div>
        )}
        {status.lastError && (
          <p className="field-warning" role="status">
            <strong>⚠ The last backup, {formatWhen(status.lastError.at)}, failed:</strong> {status.lastError.message}
          </p>
        )}
        <div className="actions actions-start">
          <button type="button" className="primary" onClick={() => void makeOne()} aria-disabled={making.busy || undefined} aria-describedby="back-up-now-note">
            {making.busy ? 'Backing up…' : 'Back up now'}
          </button>
          <span id="back-up-now-note" className="field-note">
            {status.dueToday ? 'Today’s backup has not been made yet.' : 'Today’s backup is made.'}
          </span>
        </div>
        {status.backups.length === 0 ? (
          <p>No backups yet.</p>
        ) : (
          <table className="plain-table backups-table">
            <caption>
              {plural(status.backups.length, 'backup')}, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">Made</th>
                <th scope="col">Why</th>
                <th scope="col">Contacts</th>
                <th scope="col">Clinicians</th>
                <th scope="col">Last record in it</th>
                <th scope="col">Size</th>
                <th scope="col">
                  <span className="visually-hidden">Restore</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {status.backups.map((backup) => (
                <tr key={backup.name}>
                  <th scope="row">{formatWhen(backup.createdAt)}</th>
                  <td>{KIND_WORDS[backup.kind]}</td>
                  <td>{backup.counts.contacts.toLocaleString('en-GB')}</td>
                  <td>{backup.counts.clinicians.toLocaleString('en-GB')}</td>
                  <td>{backup.lastEventAt === null ? 'None' : formatWhen(backup.lastEventAt)}</td>
                  <td>{size(backup.bytes)}</td>
                  <td>
                    <button type="button" className="quiet" onClick={() => setRestoring(backup)} aria-label={`Restore the backup of ${formatWhen(backup.createdAt)}`}>
                      Restore…
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {restoring && (
        <ConfirmDialog
          title={`Restore the backup of ${formatWhen(restoring.createdAt)}?`}
          keepLabel="Keep the database as it is"
          doLabel="Restore at the next start"
          onConfirm={() => restore(restoring.name)}
          onDone={() => {
            setRestoring(null);
            announce('The restore is waiting: close ContactCap and open it again to finish.');
          }}
          onClose={() => setRestoring(null)}
        >
          <p>
            It holds {plural(restoring.counts.contacts, 'contact')} and {plural(restoring.counts.clinicians, 'clinician')}, the last recorded{' '}
            {restoring.lastEventAt === null ? 'never' : formatWhen(restoring.lastEventAt)}.
          </p>
          <p>
            The next time ContactCap starts, this backup replaces this PC’s database. The database as it is now is kept beside it, not deleted. Anything recorded on
            this PC since the backup is only in that kept copy, unless this PC is in a practice network: then it comes back from the other PCs.
          </p>
        </ConfirmDialog>
      )}
      <section className="panel" aria-labelledby="second-folder-heading">
        <h2 id="second-folder-heading">A second copy elsewhere</h2>
        <p className="muted">A backup on this PC’s own disk does not survive the disk failing. Give another disk or a network share, and each backup is copied there too.</p>
        <form noValidate onSubmit={(event) => void save(event)}>
          <div className="field">
            <label htmlFor="second-folder">Second folder (full path, or empty for none)</label>
            <input
              id="second-folder"
              value={folder}
              spellCheck={false}
              onChange={(event) => setDraft(event.target.value)}
              {...describedField(error, 'secondFolder', ERROR_ID, 'second-folder-note')}
            />
            <span id="second-folder-note" className="field-note">
              For example \\server\share\ContactCap backups or E:\ContactCap backups.
            </span>
          </div>
          <ErrorMessage error={error} id={ERROR_ID} />
          {status.secondFolderError && (
            <p className="field-warning" role="status">
              <strong>⚠ The last copy there, {formatWhen(status.secondFolderError.at)}, failed:</strong> {status.secondFolderError.message}
            </p>
          )}
          <div className="actions">
            <Unsaved dirty={dirty} />
            <button type="submit" className="primary" aria-disabled={saving.busy || undefined}>
              Save
            </button>
          </div>
        </form>
      </section>
    </div>
  );
}
