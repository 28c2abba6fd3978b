import { useDeskStore } from '../../stores/deskStore.ts';
import { useSettingsStore } from '../../stores/settingsStore.ts';
import { useUiStore } from '../../stores/uiStore.ts';
import { StateBadge } from '../common/StateBadge.tsx';

/** The small always-on-top window of the desktop app: one number, one state. */
export function CompactView() {
  const device = useSettingsStore((state) => state.device);
  const row = useDeskStore((state) => state.board?.rows.find((candidate) => candidate.clinicianId === device?.clinicianViewId));
  const setCompact = useUiStore((state) => state.setCompact);

  async function restore() {
    await setCompact(false);
  }

  return (
    <main className="compact">
      {row ? (
        <>
          <p className="compact-name">{row.name}</p>
          <p className="compact-number">
            {row.capped ? row.remaining : row.used}
            <span>{row.capped ? ` left of ${row.cap}` : ' today'}</span>
          </p>
          <StateBadge state={row.state} />
        </>
      ) : (
        <p>Choose yourself in the full window.</p>
      )}
      <button type="button" className="quiet" onClick={() => void restore()}>
        Full window
      </button>
    </main>
  );
}
