/**
 * Wraps a refresh so that calls arriving while one is running collapse into a
 * single follow-up run: the latest state is always fetched, never more than
 * one request in flight.
 */
export function coalesce(run: () => Promise<void>): () => Promise<void> {
  const state: { running: Promise<void> | null; requests: number } = { running: null, requests: 0 };
  const loop = async (): Promise<void> => {
    for (;;) {
      const seen = state.requests;
      await run();
      if (state.requests === seen) return;
    }
  };
  return () => {
    state.requests++;
    state.running ??= loop().finally(() => {
      state.running = null;
    });
    return state.running;
  };
}
