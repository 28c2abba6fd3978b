import { createContext, useCallback, useContext } from 'react';
import { useAnnounceStore } from '../../stores/announceStore.ts';
import type { Screen } from '../../stores/uiStore.ts';

/** The screen a component is part of (App provides it around the screen showing); null outside any screen. */
export const ScreenContext = createContext<Screen | null>(null);

/**
 * Announce, on behalf of the screen this component is on. A message that
 * arrives after that screen was left (a save's answer, a failure) is not
 * shown on the next screen, where it would make no sense.
 */
export function useAnnounce(): (message: string, tone?: 'info' | 'error') => void {
  const screen = useContext(ScreenContext);
  const announce = useAnnounceStore((state) => state.announce);
  return useCallback((message: string, tone?: 'info' | 'error') => announce(message, tone, screen), [announce, screen]);
}
