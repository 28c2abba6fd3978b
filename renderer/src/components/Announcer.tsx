import { useAnnounceStore } from '../stores/announceStore.ts';

/** The one polite live region: what just happened, for screen readers and for a glance. */
export function Announcer() {
  const message = useAnnounceStore((state) => state.message);
  const tone = useAnnounceStore((state) => state.tone);
  return (
    <div className={`announcer announcer-${tone}`} role="status" aria-live="polite">
      {message}
    </div>
  );
}
