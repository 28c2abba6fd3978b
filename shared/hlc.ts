/**
 * Hybrid logical clock (Kulkarni et al.): wall-clock milliseconds plus a counter,
 * so that every event a device writes sorts after everything it has seen, even
 * when its clock is behind. The encoding sorts as a string in clock order.
 */
export interface Hlc {
  wall: number;
  counter: number;
  node: string;
}

const WALL_WIDTH = 11; // base 36: enough for year 5000+
const COUNTER_WIDTH = 5;
const MAX_COUNTER = 36 ** COUNTER_WIDTH - 1;

export function zeroHlc(node: string): Hlc {
  return { wall: 0, counter: 0, node };
}

/** The clock value for a new local event. */
export function tickHlc(last: Hlc, nowMs: number): Hlc {
  if (nowMs > last.wall) return { wall: nowMs, counter: 0, node: last.node };
  return bump(last.wall, last.counter + 1, last.node);
}

/** The local clock after seeing a remote clock value (used by sync). */
export function receiveHlc(last: Hlc, remote: Hlc, nowMs: number): Hlc {
  const wall = Math.max(last.wall, remote.wall, nowMs);
  if (wall === last.wall && wall === remote.wall) {
    return bump(wall, Math.max(last.counter, remote.counter) + 1, last.node);
  }
  if (wall === last.wall) return bump(wall, last.counter + 1, last.node);
  if (wall === remote.wall) return bump(wall, remote.counter + 1, last.node);
  return { wall, counter: 0, node: last.node };
}

function bump(wall: number, counter: number, node: string): Hlc {
  // A counter overflow can only happen with >60 million events in one millisecond;
  // moving the wall forward by one keeps the order total rather than failing.
  if (counter > MAX_COUNTER) return { wall: wall + 1, counter: 0, node };
  return { wall, counter, node };
}

export function encodeHlc(h: Hlc): string {
  return `${h.wall.toString(36).padStart(WALL_WIDTH, '0')}-${h.counter
    .toString(36)
    .padStart(COUNTER_WIDTH, '0')}-${h.node}`;
}

export function decodeHlc(text: string): Hlc {
  const first = text.indexOf('-');
  const second = text.indexOf('-', first + 1);
  if (first !== WALL_WIDTH || second !== WALL_WIDTH + COUNTER_WIDTH + 1) {
    throw new Error(`Not a hybrid clock value: ${text}`);
  }
  const wall = parseInt(text.slice(0, first), 36);
  const counter = parseInt(text.slice(first + 1, second), 36);
  const node = text.slice(second + 1);
  if (!Number.isFinite(wall) || !Number.isFinite(counter) || node.length === 0) {
    throw new Error(`Not a hybrid clock value: ${text}`);
  }
  return { wall, counter, node };
}

export function compareHlc(a: Hlc, b: Hlc): number {
  if (a.wall !== b.wall) return a.wall < b.wall ? -1 : 1;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  return a.node < b.node ? -1 : a.node > b.node ? 1 : 0;
}
