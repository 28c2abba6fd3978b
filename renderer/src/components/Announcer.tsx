import { useAnnounceStore } from '../stores/announceStore.ts';

/** The one polite live region: what just happened, for screen readers and for a glance. */
export function Announcer() {
  const message = useAnnounceStore((state) => state.message);
  const tone = useAnnounceStore((state) => state.tone);
  const serial = useAnnounceStore((state) => state.serial);
  // A new node each time, so the same message twice ("Settings saved.") is read out twice.
  return (
    <div className={`announcer announcer-${tone}`} role="status" aria-live="polite">
      {message && <span key={serial}>{message}</span>}
    </div>
  );
}
