import { useEffect, useState } from 'react';

/** This PC's time in ms, read again every `everyMs`: for what is said in words about times ("last seen 10:31"). */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(tick);
  }, [everyMs]);
  return now;
}
