import { describeSkew, JOIN_CODE_LENGTH, readJoinCode, SKEW_SHOWN_MS, type NetworkMember, type NetworkStatus } from '../../../../../shared/network.ts';
import { practiceDayOf } from '../../../../../shared/practiceDay.ts';
import { formatShortDate, formatTime, recordsText } from '../../../format.ts';

/** When another PC was last heard from, in words: "Connected now", "Last seen 10:31", "Last seen Tue 1 Dec", "Not seen yet". */
export function seenText(member: Pick<NetworkMember, 'connected' | 'lastSeen'>, now: number): string {
  if (member.connected) return 'Connected now';
  if (member.lastSeen === null) return 'Not seen yet';
  const at = Date.parse(member.lastSeen);
  return practiceDayOf(at) === practiceDayOf(now) ? `Last seen ${formatTime(at)}` : `Last seen ${formatShortDate(practiceDayOf(at))}`;
}

/** How far this PC is behind another: "Up to date" or "1,234 records still to come". */
export function behindText(member: Pick<NetworkMember, 'behind'>): string {
  return member.behind === 0 ? 'Up to date' : `${recordsText(member.behind)} still to come`;
}

/** Its clock against this PC's, when the difference is large enough to mention; it never stops anything. */
export function skewText(member: Pick<NetworkMember, 'clockSkewMs'>): string | null {
  if (member.clockSkewMs === null || Math.abs(member.clockSkewMs) < SKEW_SHOWN_MS) return null;
  const words = describeSkew(member.clockSkewMs);
  return `Its clock is ${member.clockSkewMs >= 0 ? `${words} of` : words} this PC’s. Records still share correctly; ask IT support to set the clocks right.`;
}

/** Whether the header's line about the network is about something wrong: sharing stopped, or a PC not connected. */
export function networkLineIsProblem(status: NetworkStatus): boolean {
  return status.state === 'stopped' || status.members.some((member) => !member.removed && !member.connected);
}

/**
 * Where the header says it: all in step fits under the date, in the header's
 * own row, so a full board keeps its height; anything else (starting,
 * catching up, a PC not seen, sharing stopped) gets a line of its own below.
 */
export function networkLinePlacement(status: NetworkStatus): 'inline' | 'line' {
  const members = status.members.filter((member) => !member.removed);
  const inStep = status.state === 'running' && members.length > 0 && members.every((member) => member.connected) && !status.catchingUp && status.behind === 0;
  return inStep ? 'inline' : 'line';
}

/** The state of this PC's sharing, in a sentence. */
export function stateText(status: NetworkStatus, now: number): string {
  switch (status.state) {
    case 'not_joined':
      return 'This PC is on its own: it is not in a practice network and shares nothing.';
    case 'starting':
      return 'Starting to share with the other PCs…';
    case 'running':
      return 'Sharing with the other PCs.';
    case 'stopped': {
      const again = status.restartAt === null ? '' : Date.parse(status.restartAt) > now ? ` It will start again at ${formatTime(status.restartAt)}.` : ' It is starting again now.';
      return `Problem: sharing with the other PCs has stopped.${again} This PC carries on recording, and catches up once sharing starts again.`;
    }
  }
}

/** The catch-up bar: records held of those known to exist, while some are still to come. */
export function catchUpProgress(status: Pick<NetworkStatus, 'held' | 'behind'>): { value: number; max: number; text: string } | null {
  if (status.behind <= 0) return null;
  const max = status.held + status.behind;
  return { value: status.held, max, text: `${recordsText(status.held)} of ${max.toLocaleString('en-GB')} from the other PCs are here; ${status.behind.toLocaleString('en-GB')} still to come.` };
}

/** A join code in its groups, for reading aloud: ["7KQ2", "M9XD", "4TNB", "R0HC", "5"]. */
export function joinCodeGroups(code: string): string[] {
  return code.split('-').filter((group) => group !== '');
}

/** How many letters and digits have been typed, as readJoinCode counts them. */
function typedLength(typed: string): number {
  return typed.replace(/[\s-]+/g, '').length;
}

/** What the box says under the join code as it is typed: its message, and whether it is a mistake yet or only unfinished. */
export function joinCodeNote(typed: string): { text: string; tone: 'note' | 'ok' | 'error' } {
  if (typed.trim() === '') return { text: `${JOIN_CODE_LENGTH} letters and digits, in groups: four groups of four, then one more. Capitals or small letters, with or without dashes.`, tone: 'note' };
  const reading = readJoinCode(typed);
  if (reading.ok) return { text: `Written correctly: ${reading.code}. Press “Join the network”.`, tone: 'ok' };
  const unfinished = typedLength(typed) < JOIN_CODE_LENGTH && /^[\s\dA-Za-z-]*$/.test(typed) && !/[Uu]/.test(typed);
  return { text: reading.message, tone: unfinished ? 'note' : 'error' };
}
