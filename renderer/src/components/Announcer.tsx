import { useAnnounceStore } from '../stores/announceStore.ts';
import { useUiStore } from '../stores/uiStore.ts';

/** The one polite live region: what just happened, for screen readers and for a glance. Only about the screen showing. */
export function Announcer() {
  const message = useAnnounceStore((state) => state.message);
  const tone = useAnnounceStore((state) => state.tone);
  const about = useAnnounceStore((state) => state.screen);
  const serial = useAnnounceStore((state) => state.serial);
  const showing = useUiStore((state) => state.screen);
  const shown = about === null || about === showing ? message : '';
  // A new node each time, so the same message twice ("Settings saved.") is read out twice.
  return (
    <div className={`announcer announcer-${tone}`} role="status" aria-live="polite">
      {shown && <span key={serial}>{shown}</span>}
    </div>
  );
}
