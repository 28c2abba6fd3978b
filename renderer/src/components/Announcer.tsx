import { useAnnounceStore } from '../stores/announceStore.ts';

export function Announcer() {
  const message = useAnnounceStore((state) => state.message);
  const tone = useAnnounceStore((state) => state.tone);
  return (
    <div className={`announcer announcer-${tone}`} role="status" aria-live="polite">
      {message}
    </div>
  );
}
