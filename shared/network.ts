/**
 * The practice network as the screens see it, and the join code: the practice
 * secret written so it can be read aloud and typed at another PC. Free of any
 * library, so the renderer can check a code as it is typed.
 */

/** Crockford's base 32: no I, L, O or U, so nothing reads as another character. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Characters that people type for another one. */
const SAME_AS: Record<string, string> = { O: '0', I: '1', L: '1' };

export const JOIN_CODE_DATA_CHARS = 16; // 80 bits of secret
export const JOIN_CODE_LENGTH = JOIN_CODE_DATA_CHARS + 1; // and one check character
export const JOIN_CODE_SECRET_BYTES = 10;

/** The TCP port PCs of one practice talk on, unless the practice sets another. */
export const DEFAULT_NETWORK_PORT = 42525;

/** Multiplication in GF(32), modulo x⁵ + x² + 1: the arithmetic of the check character. */
function times(a: number, b: number): number {
  let product = 0;
  let shifted = a;
  for (let bit = 0; bit < 5; bit++) {
    if (b & (1 << bit)) product ^= shifted;
    shifted <<= 1;
    if (shifted & 32) shifted ^= 0b100101;
  }
  return product;
}

/**
 * The check character: the characters read as a polynomial over GF(32) and
 * evaluated at x, the check making the whole code's value 0. So a single wrong
 * character, and any two characters swapped, are caught before anything is
 * sent. (A base-32 Luhn check, the first choice, let 0 and Z swap unseen.)
 */
export function checkCharacter(data: string): string {
  let sum = 0;
  for (const char of data) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) throw new Error(`Not a join code character: ${char}`);
    sum = times(sum, 2) ^ value;
  }
  return ALPHABET.charAt(times(sum, 2));
}

/** The secret's bytes as a join code: four groups of four, then the check character. */
export function formatJoinCode(secret: Uint8Array): string {
  if (secret.length !== JOIN_CODE_SECRET_BYTES) throw new Error(`A practice secret has ${JOIN_CODE_SECRET_BYTES} bytes.`);
  let bits = 0;
  let value = 0;
  let data = '';
  for (const byte of secret) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      data += ALPHABET.charAt((value >>> (bits - 5)) & 31);
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  const full = data + checkCharacter(data);
  return [full.slice(0, 4), full.slice(4, 8), full.slice(8, 12), full.slice(12, 16), full.slice(16)].join('-');
}

export type JoinCodeReading = { ok: true; secret: Uint8Array; code: string } | { ok: false; message: string };

/**
 * Reads a join code as typed: any case, with or without spaces and dashes, O
 * for 0 and I or L for 1. A mistake gets a sentence that says what to check.
 */
export function readJoinCode(typed: string): JoinCodeReading {
  const cleaned = typed.toUpperCase().replace(/[\s-]+/g, '');
  if (cleaned.length === 0) return { ok: false, message: 'Type the join code shown on the practice network page of a PC that is already in the network.' };
  let chars = '';
  for (const raw of cleaned) {
    const char = SAME_AS[raw] ?? raw;
    if (!ALPHABET.includes(char)) {
      return { ok: false, message: `A join code has only letters and digits, and never the letter U: “${raw}” is not in it. Check the code on the other PC.` };
    }
    chars += char;
  }
  if (chars.length !== JOIN_CODE_LENGTH) {
    return {
      ok: false,
      message: `A join code has ${JOIN_CODE_LENGTH} letters and digits (four groups of four, then one more); this one has ${chars.length}. Check the code on the other PC.`,
    };
  }
  const data = chars.slice(0, JOIN_CODE_DATA_CHARS);
  if (checkCharacter(data) !== chars.charAt(JOIN_CODE_DATA_CHARS)) {
    return { ok: false, message: 'This join code has a mistake in it: a character is wrong or two are swapped. Check each group against the code on the other PC.' };
  }
  const secret = new Uint8Array(JOIN_CODE_SECRET_BYTES);
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const char of data) {
    value = (value << 5) | ALPHABET.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      secret[index++] = (value >>> (bits - 8)) & 255;
      bits -= 8;
      value &= (1 << bits) - 1;
    }
  }
  return { ok: true, secret, code: formatJoinCode(secret) };
}

/** One other PC of the practice network, as this PC knows it. */
export interface NetworkMember {
  deviceId: string;
  name: string;
  /** Talking to this PC now, with the secret proved both ways. */
  connected: boolean;
  /** When this PC last heard from it (ISO), or null if never. */
  lastSeen: string | null;
  /** Its events this PC knows exist and has not yet applied. */
  behind: number;
  /** Its events this PC holds. */
  held: number;
  /** How far its clock is ahead of this PC's (negative: behind), in ms, when known. */
  clockSkewMs: number | null;
  /** The address it was last reached at, when known. */
  address: string | null;
  /** Taken out of the network: its past events stay, nothing new from it is accepted. */
  removed: boolean;
}

export type NetworkState =
  /** This PC is on its own: it listens on nothing. */
  | 'not_joined'
  /** Joined; the replication process is starting. */
  | 'starting'
  | 'running'
  /** Joined, but the replication process stopped: it is being started again. */
  | 'stopped';

export interface NetworkStatus {
  state: NetworkState;
  /** This PC's name and id in the network. */
  thisPc: { deviceId: string; name: string };
  port: number;
  /** Addresses (host:port) typed in for networks that block discovery. */
  addresses: string[];
  members: NetworkMember[];
  /** Events from other PCs known to exist and not yet applied here. */
  behind: number;
  /** Events from other PCs held here. */
  held: number;
  /** A large catch-up is under way: the board says it is still catching up. */
  catchingUp: boolean;
  /** Other PCs seen today that have not been heard from for a minute: counts may be behind. */
  quietPcs: string[];
  /** Problems to show in words: a wrong join code on another PC, a port in use, events set aside. */
  problems: string[];
  /** When the replication process stopped, and when it will be started again (ISO). */
  restartAt: string | null;
}

/** A member is quiet when it was seen today and not heard from for this long. */
export const QUIET_AFTER_MS = 60_000;
/** A clock this far from this PC's is shown. It never blocks anything. */
export const SKEW_SHOWN_MS = 120_000;
/** A clinician with this many or fewer left, while a PC is quiet, gets a warning. */
export const QUIET_WARNING_REMAINING = 3;

function clockTime(iso: string): string {
  const date = new Date(iso);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

function listOf(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * The header's line about the network, in words, or null for a PC on its own.
 * `today` is the practice day, `now` this PC's time in ms.
 */
export function networkHeadline(status: NetworkStatus, now: number): string | null {
  if (status.state === 'not_joined') return null;
  if (status.state === 'stopped') return 'Sharing with other PCs has stopped: restarting it. This PC carries on recording.';
  const members = status.members.filter((member) => !member.removed);
  if (status.state === 'starting') return 'Starting to share with the other PCs…';
  if (members.length === 0) return 'In the practice network: no other PC has joined yet';
  const missing = members.filter((member) => !member.connected);
  if (missing.length > 0) {
    const since = (seen: string) => (new Date(seen).toDateString() === new Date(now).toDateString() ? clockTime(seen) : new Date(seen).toLocaleDateString('en-GB'));
    const [only] = missing;
    if (only && missing.length === 1) return only.lastSeen === null ? `${only.name} not seen yet` : `${only.name} not seen since ${since(only.lastSeen)}`;
    if (missing.every((member) => member.lastSeen === null)) return `${listOf(missing.map((member) => member.name))} not seen yet`;
    // Each PC with its own time, so the one gone longest is not hidden behind the latest.
    return `${missing.length} PCs not seen: ${listOf(missing.map((member) => (member.lastSeen === null ? `${member.name} not yet` : `${member.name} since ${since(member.lastSeen)}`)))}`;
  }
  if (status.catchingUp || status.behind > 0) return `Catching up with ${members.length === 1 ? '1 PC' : `${members.length} PCs`}: ${status.behind.toLocaleString('en-GB')} to go`;
  return `In step with ${members.length === 1 ? '1 PC' : `${members.length} PCs`}`;
}

/** Words for a clock difference: "3 minutes ahead", "40 seconds behind". */
export function describeSkew(skewMs: number): string {
  const ahead = skewMs >= 0;
  const seconds = Math.round(Math.abs(skewMs) / 1000);
  if (seconds === 0) return 'less than a second apart';
  const amount = seconds < 90 ? `${seconds} second${seconds === 1 ? '' : 's'}` : seconds < 5400 ? `${Math.round(seconds / 60)} minutes` : `${Math.round(seconds / 3600)} hours`;
  return `${amount} ${ahead ? 'ahead' : 'behind'}`;
}

/** Checks one typed address: a host name or IPv4 address, then optionally :port. */
export function readAddress(typed: string, defaultPort: number): { ok: true; address: string } | { ok: false; message: string } {
  const text = typed.trim();
  const match = /^([A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)(?::(\d{1,5}))?$/.exec(text);
  if (!match) return { ok: false, message: `“${text}” is not an address: type a PC’s name or IP address, such as 192.168.1.20 or 192.168.1.20:${defaultPort}.` };
  const host = match[1] ?? '';
  // Digits and dots only is meant as an IPv4 address: a mistyped one would be looked up as a name and never answer.
  if (/^[\d.]+$/.test(host) && !isIpv4(host)) {
    return { ok: false, message: `“${text}” is not an IP address: it has four numbers from 0 to 255 with dots between, such as 192.168.1.20.` };
  }
  const port = match[3] === undefined ? defaultPort : Number(match[3]);
  if (port < 1024 || port > 65535) return { ok: false, message: `The port in “${text}” must be a number from 1024 to 65535.` };
  return { ok: true, address: `${host}:${port}` };
}

function isIpv4(host: string): boolean {
  const parts = host.split('.');
  return parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
}
