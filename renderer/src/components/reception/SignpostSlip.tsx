import type { DirectoryEntry } from '../../../../shared/directory.ts';
import { SAFETY_NET_ADVICE } from '../../../../shared/directory.ts';
import { useSettingsStore } from '../../stores/settingsStore.ts';

/** The patient's slip: where to go, how to reach it, when it is open, and what to do if worse. Printed alone. */
export function SignpostSlip({ entry }: { entry: DirectoryEntry }) {
  const practiceName = useSettingsStore((state) => state.settings?.practiceName ?? '');
  return (
    <section className="slip printable" aria-label="Signposting slip">
      {practiceName !== '' && <p className="slip-from">From {practiceName}</p>}
      <h3 className="slip-service">{entry.name}</h3>
      <dl>
        {entry.phone && (
          <>
            <dt>Phone</dt>
            <dd>{entry.phone}</dd>
          </>
        )}
        {entry.address && (
          <>
            <dt>Where</dt>
            <dd>{entry.address}</dd>
          </>
        )}
        {entry.hours && (
          <>
            <dt>Open</dt>
            <dd>{entry.hours}</dd>
          </>
        )}
      </dl>
      <p className="slip-safety">
        <strong>{SAFETY_NET_ADVICE}</strong>
      </p>
    </section>
  );
}
