import { SAFETY_NET_ADVICE, type DirectoryEntry } from './directory.ts';
import { MONTH_NAMES, practiceDayOf, practiceTimeOf } from './practiceDay.ts';

/**
 * The signposting slip a redirected patient takes away (DOMAIN.md §5): who it
 * is from, when, the service, how to reach it, when it is open, and what to do
 * if they get worse. The printed slip and the text read out or sent by SMS are
 * both drawn from these lines, so they can never say different things.
 *
 * It is built from the directory entry, the practice's name and a time only:
 * nothing about the patient (note, NHS number) can reach it.
 */

export type SlipPart = 'practice' | 'date' | 'service' | 'phone' | 'address' | 'hours' | 'safetyNet';

export interface SlipLine {
  part: SlipPart;
  /** A short word before the text ("Phone"), or '' for a line that reads on its own. */
  label: string;
  text: string;
}

export interface SlipInput {
  entry: Pick<DirectoryEntry, 'name' | 'phone' | 'address' | 'hours'>;
  /** The practice's name; left off the slip when empty, never replaced by a placeholder. */
  practiceName: string;
  /** When the patient was redirected (epoch ms); shown as the practice's local date and time. */
  at: number;
}

/** "1 December 2026 at 09:05": the British way round, in London time whatever the PC's own zone. */
export function slipDate(epochMs: number): string {
  const [year, month, day] = practiceDayOf(epochMs).split('-').map(Number);
  return `${String(day)} ${MONTH_NAMES[(month ?? 1) - 1] ?? ''} ${String(year)} at ${practiceTimeOf(epochMs)}`;
}

/** The slip's lines, in the order they are printed and read out. Empty details are left out. */
export function signpostSlipLines({ entry, practiceName, at }: SlipInput): SlipLine[] {
  const line = (part: SlipPart, label: string, text: string): SlipLine[] => (text.trim() === '' ? [] : [{ part, label, text: text.trim() }]);
  return [
    ...line('practice', '', practiceName.trim() === '' ? '' : `From ${practiceName.trim()}`),
    ...line('date', '', slipDate(at)),
    ...line('service', 'Service', entry.name),
    ...line('phone', 'Phone', entry.phone),
    ...line('address', 'Address', entry.address),
    ...line('hours', 'Hours', entry.hours),
    ...line('safetyNet', '', SAFETY_NET_ADVICE),
  ];
}

/** Typographic marks a basic text message cannot carry (one would turn the whole message into a costlier kind), and their plain stand-ins. */
const PLAIN_MARKS: [RegExp, string][] = [
  [/[‘’‚′]/g, "'"],
  [/[“”„″]/g, '"'],
  [/[‐‑‒–—―−]/g, '-'],
  [/…/g, '...'],
  [/[\u00a0\u2007\u202f]/g, ' '],
];

/** One line of the slip as text: "Phone: 111", or the text alone when it has no label. */
function lineText({ label, text }: SlipLine): string {
  const plain = PLAIN_MARKS.reduce((sofar, [mark, stand]) => sofar.replace(mark, stand), text);
  return label === '' ? plain : `${label}: ${plain}`;
}

/**
 * The slip as plain text, one line per line of the slip: to read out on the
 * phone or paste into a text message. For every built-in directory entry it
 * stays within two text messages (TEXT_SLIP_LIMIT).
 */
export function slipAsText(lines: readonly SlipLine[]): string {
  return lines.map(lineText).join('\n');
}

/**
 * Two joined text messages: a long SMS is sent in parts of 153 basic
 * characters each (7 of the 160 go on joining them), so 2 × 153.
 */
export const TEXT_SLIP_LIMIT = 306;
