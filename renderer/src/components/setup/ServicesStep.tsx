import { useState, type SyntheticEvent } from 'react';
import type { DestinationKind, DirectoryEntry } from '../../../../shared/directory.ts';
import { plural } from '../../format.ts';
import { useAnnounce } from '../common/announce.ts';
import { useCatalogueStore } from '../../stores/catalogueStore.ts';
import { useSetupStore } from '../../stores/setupStore.ts';
import { errorOf, type FormError } from '../../stores/result.ts';
import { useOneAtATime } from '../settings/sectionSave.tsx';
import { StepFooter } from './StepFooter.tsx';
import { useSaveOnLeave } from './stepSave.ts';

const ERROR_ID = 'setup-services-error';

/** National services whose numbers are the same everywhere and already filled in. */
const NATIONAL: readonly DestinationKind[] = ['nhs_111', 'emergency_999', 'self_care'];

interface Draft {
  phone: string;
  address: string;
}

/** Step 4: the local services' phone numbers and addresses, for the slips and the patient notice. */
export function ServicesStep() {
  const directory = useCatalogueStore((state) => state.directory);
  const updateEntry = useCatalogueStore((state) => state.updateEntry);
  const finish = useSetupStore((state) => state.finish);
  const announce = useAnnounce();
  const local = directory.filter((entry) => entry.active && !NATIONAL.includes(entry.kind));
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [error, setError] = useState<FormError | null>(null);
  const { busy, run } = useOneAtATime();
  const shownOf = (entry: DirectoryEntry): Draft => drafts[entry.id] ?? { phone: entry.phone, address: entry.address };

  const change = (entry: DirectoryEntry, patch: Partial<Draft>) => setDrafts({ ...drafts, [entry.id]: { ...shownOf(entry), ...patch } });

  /** Saves the services whose phone or address changed; false (with the error shown) if one is refused. */
  async function saveEntries(): Promise<{ saved: number } | null> {
    const changed = local.filter((entry) => {
      const draft = drafts[entry.id];
      return draft !== undefined && (draft.phone !== entry.phone || draft.address !== entry.address);
    });
    for (const entry of changed) {
      const { phone, address } = shownOf(entry);
      const result = await updateEntry({ entryId: entry.id, phone, address });
      if (!result.ok) {
        setError({ message: `${entry.name}: ${result.error.message}`, field: `${entry.id}:${result.error.field ?? ''}` });
        return null;
      }
    }
    setDrafts({});
    return { saved: changed.length };
  }

  useSaveOnLeave(async () => (await saveEntries()) !== null);

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    await run(async () => {
      const saved = await saveEntries();
      if (!saved) return;
      const done = await finish();
      if (!done.ok) return setError(errorOf(done));
      announce(`Setup finished${saved.saved > 0 ? `, with ${plural(saved.saved, 'service')} updated` : ''}. Press a clinician’s key to record a contact.`);
    });
  }

  const invalid = (entry: DirectoryEntry, field: 'phone' | 'address') =>
    error?.field === `${entry.id}:${field}` ? { 'aria-invalid': true as const, 'aria-describedby': ERROR_ID } : {};

  return (
    <form noValidate className="setup-form" onSubmit={(event) => void submit(event)}>
      <div className="setup-body">
        <p className="setup-lead">
          The numbers and addresses go on the slip a patient takes away when they are sent elsewhere, and on the patient notice. NHS 111 and 999 are already filled in.
          Opening hours and more services are on the Services screen.
        </p>
        <table className="setup-table setup-services">
          <caption className="visually-hidden">Local services: phone and address</caption>
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Phone</th>
              <th scope="col">Address, or where to go</th>
            </tr>
          </thead>
          <tbody>
            {local.map((entry, index) => {
              const shown = shownOf(entry);
              return (
                <tr key={entry.id}>
                  <th scope="row">
                    {entry.name}
                    {entry.hours && <span className="who-detail">{entry.hours}</span>}
                  </th>
                  <td>
                    <input
                      className="setup-phone"
                      type="tel"
                      autoComplete="off"
                      autoFocus={index === 0}
                      aria-label={`Phone for ${entry.name}`}
                      value={shown.phone}
                      onChange={(event) => change(entry, { phone: event.target.value })}
                      {...invalid(entry, 'phone')}
                    />
                  </td>
                  <td>
                    <input
                      className="setup-address"
                      autoComplete="off"
                      aria-label={`Address for ${entry.name}`}
                      value={shown.address}
                      onChange={(event) => change(entry, { address: event.target.value })}
                      {...invalid(entry, 'address')}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <StepFooter step="services" error={error} errorId={ERROR_ID} busy={busy} continueLabel="Finish setup" />
    </form>
  );
}
