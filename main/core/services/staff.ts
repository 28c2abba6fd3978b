import argon2 from 'argon2';
import type { ParsedInputOf } from '../../../shared/contract.ts';
import { practiceTimeOf } from '../../../shared/practiceDay.ts';
import { LOCKOUT_MINUTES, STAFF_ROLE_LABELS, STAFF_ROLES, weakPinProblem, type SessionInfo, type StaffMember, type StaffRole } from '../../../shared/staff.ts';
import { CacheSlot } from '../db/caches.ts';
import type { Store } from '../db/store.ts';
import { write, type CoreContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { listConfig } from '../repos/configRepo.ts';
import { getDeviceSetting, setDeviceSetting } from '../repos/deviceRepo.ts';
import { readSettings } from './settings.ts';

/**
 * (design) Staff are practice data: named in events, they replicate like the
 * roster. A PIN is kept only as an argon2id hash (the `argon2` binding, with
 * prebuilt Node-API binaries), never in the log as typed. Wrong PINs are
 * counted on each PC, outside the log (a lockout belongs to the desk where the
 * guessing happens); the log records each one for the audit trail.
 */

/** OWASP's smallest argon2id setting (19 MiB, 2 passes): about 30 ms on a reception PC. */
const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export interface StaffRecord {
  id: string;
  name: string;
  role: StaffRole;
  active: boolean;
  pinHash: string;
}

const STAFF = new CacheSlot<{ value: StaffRecord[] | null }>('staff', ['config'], () => ({ value: null }));

/** Every member of staff ever named, in the order they were named. Cached: callers must not change it. */
export function allStaff(store: Store): readonly StaffRecord[] {
  const kept = store.caches.slot(STAFF);
  kept.value ??= listConfig(store, 'staff').map((row) => ({
    id: row.id,
    name: typeof row.data.name === 'string' ? row.data.name : '(unnamed)',
    role: STAFF_ROLES.find((role) => role === row.data.role) ?? 'reception',
    active: row.data.active !== false,
    pinHash: typeof row.data.pinHash === 'string' ? row.data.pinHash : '',
  }));
  return kept.value;
}

/** Until the practice names its first member of staff, nothing asks anyone to sign in (an install from before staff existed keeps working). */
export function staffNamed(store: Store): boolean {
  return allStaff(store).length > 0;
}

/** The member of staff signed in at this desk, if they are still named and active. */
export function signedIn(ctx: CoreContext): StaffRecord | null {
  const id = ctx.session.staffId;
  if (id === null) return null;
  return allStaff(ctx).find((member) => member.id === id && member.active) ?? null;
}

export function sessionInfo(ctx: CoreContext): SessionInfo {
  const member = signedIn(ctx);
  return {
    staff: member ? { id: member.id, name: member.name, role: member.role } : null,
    since: member ? ctx.session.since : null,
    staffNamed: staffNamed(ctx),
    idleMinutes: readSettings(ctx).idleMinutes,
  };
}

// ── Wrong PINs, counted on this PC ─────────────────────────────────────────

interface Failures {
  count: number;
  lastAt: number;
  lockedUntil: number | null;
}

const FAILURES_KEY = 'pinFailures';

function failuresOf(ctx: CoreContext): Record<string, Failures> {
  const stored = getDeviceSetting(ctx, FAILURES_KEY);
  return typeof stored === 'object' && stored !== null ? (stored as Record<string, Failures>) : {};
}

function setFailures(ctx: CoreContext, staffId: string, failures: Failures | null): void {
  const others = Object.entries(failuresOf(ctx)).filter(([id]) => id !== staffId);
  setDeviceSetting(ctx, FAILURES_KEY, Object.fromEntries(failures === null ? others : [...others, [staffId, failures]]));
}

/** Locked until when, or null: a lockout lapses by itself after LOCKOUT_MINUTES. */
function lockedUntil(ctx: CoreContext, staffId: string): number | null {
  const until = failuresOf(ctx)[staffId]?.lockedUntil ?? null;
  return until !== null && until > ctx.clock.now() ? until : null;
}

/** Seconds to wait after `count` wrong PINs in a row: none after the first, then 2, 4, 8… up to 30. */
export function throttleSeconds(count: number): number {
  return count < 2 ? 0 : Math.min(30, 2 ** (count - 1));
}

function memberView(ctx: CoreContext, member: StaffRecord): StaffMember {
  return { id: member.id, name: member.name, role: member.role, active: member.active, lockedUntil: lockedUntil(ctx, member.id) };
}

// ── Methods ────────────────────────────────────────────────────────────────

export function listStaff(ctx: CoreContext, input: ParsedInputOf<'staff.list'>): StaffMember[] {
  const collator = new Intl.Collator('en-GB', { sensitivity: 'base' });
  return allStaff(ctx)
    .filter((member) => input.includeInactive === true || member.active)
    .map((member) => memberView(ctx, member))
    .sort((a, b) => collator.compare(a.name, b.name));
}

function requireMember(ctx: CoreContext, staffId: string): StaffRecord {
  const member = allStaff(ctx).find((candidate) => candidate.id === staffId);
  if (!member) throw new DomainError('not_found', 'That member of staff is not on this practice’s list. Choose a name from the list.', 'staffId');
  return member;
}

function assertNameFree(ctx: CoreContext, name: string, except: string | null): void {
  const taken = allStaff(ctx).find((member) => member.active && member.id !== except && member.name.toLocaleLowerCase('en-GB') === name.toLocaleLowerCase('en-GB'));
  if (taken) {
    throw new DomainError('conflict', `${taken.name} is already on the staff list (${STAFF_ROLE_LABELS[taken.role]}). Give a different name, for example with a surname or initial.`, 'name');
  }
}

/** Only an administrator may name, change or take off an administrator, or make someone one. */
function assertMayHandleRole(ctx: CoreContext, role: StaffRole): void {
  if (role !== 'admin' || !staffNamed(ctx)) return;
  if (signedIn(ctx)?.role !== 'admin') throw new DomainError('not_allowed', 'Only an administrator can name, change or take off an administrator. Ask an administrator to sign in at this PC.', 'role');
}

function assertPinStrong(pin: string): void {
  const weak = weakPinProblem(pin);
  if (weak) throw new DomainError('invalid_input', weak, 'pin');
}

export async function addStaff(ctx: CoreContext, input: ParsedInputOf<'staff.add'>): Promise<StaffMember> {
  const first = !staffNamed(ctx);
  if (first && input.role !== 'admin') {
    throw new DomainError('invalid_input', 'The first member of staff named is the practice’s administrator: choose Administrator as the role.', 'role');
  }
  assertMayHandleRole(ctx, input.role);
  assertNameFree(ctx, input.name, null);
  assertPinStrong(input.pin);
  const pinHash = await argon2.hash(input.pin, HASH_OPTIONS);
  return write(ctx, () => {
    // Checked again inside the transaction: the await let other requests in.
    if (first && staffNamed(ctx)) throw new DomainError('conflict', 'Someone else has just named the practice’s first administrator. Sign in as them to add more staff.', 'name');
    assertNameFree(ctx, input.name, null);
    const staffId = ctx.ids.newId();
    ctx.log.append('staff.added', { staffId, name: input.name, role: input.role, pinHash });
    const member = requireMember(ctx, staffId);
    // The setup's first administrator is the one at the desk.
    if (first) beginSession(ctx, member.id);
    return memberView(ctx, member);
  });
}

/** At least one active administrator always stays, so someone can always manage staff. */
function assertAdminRemains(ctx: CoreContext, member: StaffRecord, next: { role: StaffRole; active: boolean }): void {
  if (member.role !== 'admin' || !member.active || (next.role === 'admin' && next.active)) return;
  const others = allStaff(ctx).filter((candidate) => candidate.id !== member.id && candidate.role === 'admin' && candidate.active);
  if (others.length === 0) {
    throw new DomainError('conflict', `${member.name} is the practice’s only administrator. Make someone else an administrator first, so that someone can always manage staff.`, 'role');
  }
}

export function updateStaff(ctx: CoreContext, input: ParsedInputOf<'staff.update'>): StaffMember {
  return write(ctx, () => {
    const member = requireMember(ctx, input.staffId);
    const next = { name: input.name ?? member.name, role: input.role ?? member.role, active: input.active ?? member.active };
    assertMayHandleRole(ctx, member.role);
    assertMayHandleRole(ctx, next.role);
    assertAdminRemains(ctx, member, next);
    if (next.active) assertNameFree(ctx, next.name, member.id);
    const changes: Record<string, unknown> = {};
    if (next.name !== member.name) changes.name = next.name;
    if (next.role !== member.role) changes.role = next.role;
    if (next.active !== member.active) changes.active = next.active;
    if (Object.keys(changes).length > 0) ctx.log.append('staff.updated', { staffId: member.id, changes });
    // Taken off while signed in here: the desk is nobody's now.
    if (!next.active && ctx.session.staffId === member.id) endSession(ctx, 'taken_off');
    return memberView(ctx, requireMember(ctx, member.id));
  });
}

export async function setStaffPin(ctx: CoreContext, input: ParsedInputOf<'staff.setPin'>): Promise<StaffMember> {
  const member = requireMember(ctx, input.staffId);
  const me = signedIn(ctx);
  const own = me?.id === member.id;
  const manages = me !== null && (me.role === 'manager' || me.role === 'admin');
  if (!own && !manages) throw new DomainError('not_allowed', 'Only a practice manager or administrator can set someone else’s PIN. Sign in as yourself to change your own.', 'staffId');
  if (!own) assertMayHandleRole(ctx, member.role);
  if (own && !manages) {
    if (input.currentPin === undefined) throw new DomainError('invalid_input', 'Enter your current PIN as well, to change it.', 'currentPin');
    if (!(await argon2.verify(member.pinHash, input.currentPin))) throw new DomainError('invalid_input', 'Your current PIN is not right, so it was not changed.', 'currentPin');
  }
  assertPinStrong(input.pin);
  const pinHash = await argon2.hash(input.pin, HASH_OPTIONS);
  return write(ctx, () => {
    ctx.log.append('staff.updated', { staffId: member.id, changes: { pinHash } });
    setFailures(ctx, member.id, null);
    return memberView(ctx, requireMember(ctx, member.id));
  });
}

export function unlockStaff(ctx: CoreContext, input: ParsedInputOf<'staff.unlock'>): StaffMember {
  return write(ctx, () => {
    const member = requireMember(ctx, input.staffId);
    if (failuresOf(ctx)[member.id]) {
      setFailures(ctx, member.id, null);
      ctx.log.append('staff.unlocked', { staffId: member.id });
    }
    return memberView(ctx, member);
  });
}

// ── Signing in and out ─────────────────────────────────────────────────────

/** Starts a session in the caller's transaction; whoever was signed in before is signed out. */
function beginSession(ctx: CoreContext, staffId: string): void {
  if (ctx.session.staffId !== null && ctx.session.staffId !== staffId) endSession(ctx, 'switched');
  const now = ctx.clock.now();
  ctx.session.staffId = staffId;
  ctx.session.since = now;
  ctx.session.lastUsed = now;
  ctx.log.append('staff.signedIn', { staffId });
}

/** Ends the session in the caller's transaction; the event is written while the person is still the actor. */
function endSession(ctx: CoreContext, why: 'by_hand' | 'idle' | 'switched' | 'taken_off'): void {
  const staffId = ctx.session.staffId;
  if (staffId === null) return;
  ctx.log.append('staff.signedOut', { staffId, why });
  ctx.session.staffId = null;
  ctx.session.since = null;
}

export async function signIn(ctx: CoreContext, input: ParsedInputOf<'session.signIn'>): Promise<SessionInfo> {
  const member = requireMember(ctx, input.staffId);
  if (!member.active) throw new DomainError('not_found', `${member.name} is no longer on the staff list. Choose your name from the list, or ask a manager.`, 'staffId');
  const locked = lockedUntil(ctx, member.id);
  if (locked !== null) {
    throw new DomainError(
      'not_allowed',
      `${member.name} is locked out on this PC after too many wrong PINs, until ${practiceTimeOf(locked)}. A practice manager or administrator can unlock it sooner on the Staff page. Patients can still be recorded meanwhile.`,
      'pin',
    );
  }
  const before = failuresOf(ctx)[member.id];
  const wait = before ? before.lastAt + throttleSeconds(before.count) * 1000 - ctx.clock.now() : 0;
  if (wait > 0) throw new DomainError('not_allowed', `Wait ${Math.ceil(wait / 1000)} seconds before trying the PIN again.`, 'pin');

  const right = await argon2.verify(member.pinHash, input.pin).catch(() => false);
  if (right) {
    return write(ctx, () => {
      setFailures(ctx, member.id, null);
      beginSession(ctx, member.id);
      return sessionInfo(ctx);
    });
  }
  // The wrong PIN is counted and logged in its own transaction, which commits before the refusal.
  const outcome = write(ctx, () => {
    const count = (failuresOf(ctx)[member.id]?.count ?? 0) + 1;
    const allowed = readSettings(ctx).pinAttempts;
    const now = ctx.clock.now();
    const lockedOut = count >= allowed;
    setFailures(ctx, member.id, { count, lastAt: now, lockedUntil: lockedOut ? now + LOCKOUT_MINUTES * 60_000 : null });
    ctx.log.append('staff.pinFailed', { staffId: member.id, lockedOut });
    return { left: allowed - count, lockedOut };
  });
  if (outcome.lockedOut) {
    throw new DomainError(
      'not_allowed',
      `That PIN is not right. ${member.name} is now locked out on this PC for ${LOCKOUT_MINUTES} minutes; a practice manager or administrator can unlock it sooner. Patients can still be recorded meanwhile.`,
      'pin',
    );
  }
  const tries = outcome.left === 1 ? '1 more try' : `${outcome.left} more tries`;
  throw new DomainError('invalid_input', `That PIN is not right. ${tries} before ${member.name} is locked out on this PC for ${LOCKOUT_MINUTES} minutes.`, 'pin');
}

export function signOut(ctx: CoreContext): SessionInfo {
  if (ctx.session.staffId !== null) write(ctx, () => endSession(ctx, 'by_hand'));
  return sessionInfo(ctx);
}

/** Someone used the desk. */
export function touchSession(ctx: CoreContext): SessionInfo {
  ctx.session.lastUsed = ctx.clock.now();
  return sessionInfo(ctx);
}

/**
 * Before every request: a desk left unused for the practice's idle time is
 * nobody's any more. Never throws: a desk that cannot write the sign-out event
 * still forgets who was there.
 */
export function expireIdleSession(ctx: CoreContext): void {
  if (ctx.session.staffId === null) return;
  const idleMs = readSettings(ctx).idleMinutes * 60_000;
  if (ctx.clock.now() - ctx.session.lastUsed <= idleMs) return;
  try {
    write(ctx, () => endSession(ctx, 'idle'));
  } catch (error) {
    console.error('ContactCap: could not log an idle sign-out', error);
    ctx.session.staffId = null;
    ctx.session.since = null;
  }
}
