import type { z } from 'zod';
import { contract, isMethodName, METHOD_NAMES, type MethodName, type MethodSpecs, type SpecParsedInputOf, type SpecResultOf } from '../../../shared/contract.ts';
import { type PushEvents, type Topic } from '../../../shared/events.ts';
import { identifierProblem } from '../../../shared/freeText.ts';
import { fail, ok, type Envelope } from '../../../shared/result.ts';
import type { CoreContext } from '../context.ts';
import { DomainError, errorCodeOf, isBusy, isCorrupt, isDiskFull, isReadOnly } from '../errors.ts';
import { readSettings } from '../services/settings.ts';
import { expireIdleSession } from '../services/staff.ts';
import { refusal } from './access.ts';
import type { Handler, Handlers } from './handlers.ts';

export type PushListener = <E extends keyof PushEvents>(event: E, payload: PushEvents[E]) => void;

/** Checks at start-up that every method of the contract has exactly one handler. */
export function assertHandlersMatchContract(handlers: Record<string, unknown>): void {
  const names = Object.keys(handlers);
  const missing = METHOD_NAMES.filter((name) => !names.includes(name));
  const unknown = names.filter((name) => !isMethodName(name));
  if (missing.length > 0 || unknown.length > 0 || new Set(names).size !== names.length) {
    throw new Error(`Handlers do not match the contract. Missing: ${missing.join(', ') || 'none'}; unknown: ${unknown.join(', ') || 'none'}.`);
  }
}

/** The first validation problem, phrased for the person at the desk. */
export function describeIssue(issue: z.core.$ZodIssue): { message: string; field?: string } {
  const field = issue.path.map(String).join('.') || undefined;
  if (issue.code === 'unrecognized_keys') {
    const message = `This request has details ContactCap does not expect: ${issue.keys.join(', ')}. Nothing was changed.`;
    return field === undefined ? { message } : { message, field };
  }
  if (issue.path.length === 0 && issue.code === 'invalid_type') {
    return { message: 'The request’s details must be a set of named values (a JSON object). Nothing was changed.' };
  }
  return field === undefined ? { message: issue.message } : { message: issue.message, field };
}

/** Storage and unexpected failures become messages; the transaction has already rolled back. */
export function describeFailure(error: unknown): Envelope<never> {
  if (error instanceof DomainError) return { ok: false, error: error.toApiError() };
  const code = errorCodeOf(error);
  if (isCorrupt(code)) {
    return fail(
      'internal',
      'ContactCap found damage in its database and could not save this. Write it down on paper, close ContactCap and start it again, and tell IT support today.',
    );
  }
  if (isDiskFull(code)) {
    return fail('storage_full', 'The disk on this PC is full, so this was not saved. Nothing was changed. Free some disk space (or ask IT to), then try again.');
  }
  if (isReadOnly(code)) {
    return fail('storage_read_only', 'ContactCap cannot write to its data folder, so this was not saved. Nothing was changed. Ask IT to check the folder’s permissions.');
  }
  if (isBusy(code)) {
    return fail('storage_busy', 'The database was busy and this was not saved. Nothing was changed. Try again in a moment.');
  }
  console.error('ContactCap: unexpected failure in a request', error);
  return fail('internal', 'Something went wrong and this was not saved. Nothing was changed. Try again; if it keeps happening, tell your IT support.');
}

/** Runs `work`; when it fails on damage and a rebuilt database takes over, runs it once more there. */
function runOnceMoreAfterRebuild<T>(work: () => T, onDamage: (error: unknown) => boolean): T {
  try {
    return work();
  } catch (error) {
    if (isCorrupt(errorCodeOf(error)) && onDamage(error)) return work();
    throw error;
  }
}

/** Keys that could reach an object's prototype if anything ever copied them: refused wherever they appear. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The first forbidden key anywhere in an input (its own keys, at any depth), or
 * null. Walked without recursion, so a deeply nested body cannot exhaust the stack,
 * and each object once, so a cycle (possible in-process) ends.
 */
export function forbiddenKeyIn(input: unknown): string | null {
  const pending: unknown[] = [input];
  const seen = new Set<object>();
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    for (const key of Object.getOwnPropertyNames(value)) {
      if (FORBIDDEN_KEYS.has(key)) return key;
      pending.push((value as Record<string, unknown>)[key]);
    }
  }
  return null;
}

type Parsed<T> = { ok: true; data: T } | { ok: false; answer: Envelope<never> };

/** An input checked against a schema: the parsed value, or the invalid_input answer for the desk. */
function parseWith<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.output<S>> {
  // Before the schema: zod drops or ignores some of these keys rather than refusing them.
  const forbidden = forbiddenKeyIn(input);
  if (forbidden !== null) {
    return { ok: false, answer: fail('invalid_input', `This request has a detail called “${forbidden}”, which ContactCap never accepts. Nothing was changed.`) };
  }
  const parsed = schema.safeParse(input === undefined ? {} : input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const first = parsed.error.issues[0];
  const described = first ? describeIssue(first) : { message: 'The request’s details were not understood. Nothing was changed.' };
  return { ok: false, answer: fail('invalid_input', described.message, described.field) };
}

/** A request's input checked against the contract: the parsed value, or the invalid_input answer for the desk. */
function parseInput<M extends MethodName>(method: M, input: unknown): Parsed<z.output<(typeof contract)[M]['input']>> {
  return parseWith(contract[method].input, input) as Parsed<z.output<(typeof contract)[M]['input']>>;
}

/** The handler a shell gives for each of its own methods (shared/desktopMethods.ts), typed from their specs: each takes the checked input. */
export type ShellHandlers<C extends MethodSpecs> = {
  [M in keyof C]: (input: SpecParsedInputOf<C, M>) => SpecResultOf<C, M> | Promise<SpecResultOf<C, M>>;
};

/** Adds a shell's own methods to the dispatcher; the function it returns takes them away again. */
export type AddShellMethods = <C extends MethodSpecs>(specs: C, handlers: ShellHandlers<C>) => () => void;

interface ShellMethod {
  input: z.ZodType;
  run: (input: unknown) => unknown;
}

/**
 * The one dispatcher: every call, from any shell, is checked and answered here.
 * Besides the contract's methods it carries the methods a shell adds for itself
 * (see addShellMethods), checked against their own schemas in the same way.
 */
/**
 * `onDamage` is told of a failure that shows the database is damaged; it
 * answers true when a rebuilt database has taken over, and the request is
 * then tried once more on it (its own transaction rolled back in full).
 */
export function createDispatcher(ctx: CoreContext, handlers: Handlers, push: PushListener, onDamage: (error: unknown) => boolean) {
  assertHandlersMatchContract(handlers);
  const shellMethods = new Map<string, ShellMethod>();
  const failed = (error: unknown): Envelope<never> => {
    if (isCorrupt(errorCodeOf(error))) onDamage(error);
    return describeFailure(error);
  };

  /** A shell's method: it changes nothing in the core, so it tells no window to refresh. It always answers later. */
  async function invokeShell(shell: ShellMethod, input: unknown): Promise<Envelope<unknown>> {
    const parsed = parseWith(shell.input, input);
    if (!parsed.ok) return parsed.answer;
    try {
      return ok(await shell.run(parsed.data));
    } catch (error) {
      return failed(error);
    }
  }

  /** An envelope now, or for a method that builds a file, a promise of one. Never throws or rejects. */
  function invoke(method: string, input?: unknown): Envelope<unknown> | Promise<Envelope<unknown>> {
    if (!isMethodName(method)) {
      const shell = shellMethods.get(method);
      if (shell) return invokeShell(shell, input);
      return fail('unknown_method', `ContactCap does not have a request called “${method}”. Nothing was changed.`);
    }
    const spec: { async?: true } = contract[method];
    // A method that answers later always answers later, bad input included, as its type says.
    const answer = (envelope: Envelope<unknown>) => (spec.async ? Promise.resolve(envelope) : envelope);
    const parsed = parseInput(method, input);
    if (!parsed.ok) return answer(parsed.answer);
    const handler = handlers[method] as Handler<MethodName>;
    const changes = typeof handler.changes === 'function' ? handler.changes(parsed.data) : handler.changes;
    // Who is at the desk decides what may be done (access.ts); a desk left idle is nobody's.
    expireIdleSession(ctx);
    const refused = refusal(ctx, method, parsed.data);
    if (refused) return answer(refused);
    if (changes.length > 0) ctx.session.lastUsed = ctx.clock.now();
    const previous = changes.length > 0 ? (ctx.log.latestHlc() ?? '') : '';
    const done = (value: unknown): Envelope<unknown> => {
      if (changes.length > 0) push('data.changed', { topics: [...changes] as Topic[], version: ctx.log.latestHlc() ?? '', previous });
      return ok(value);
    };
    let value: unknown;
    try {
      // Free text is kept for good: no NHS number in it, and patient notes only where identifiers are collected (shared/freeText.ts).
      const identifier = identifierProblem(contract[method].input, parsed.data, () => readSettings(ctx).collectNhsNumber);
      if (identifier !== null) return answer(fail('invalid_input', identifier.message, identifier.field));
      value = runOnceMoreAfterRebuild(() => handler.run(ctx, parsed.data), onDamage);
    } catch (error) {
      return answer(failed(error));
    }
    return value instanceof Promise ? value.then(done, failed) : done(value);
  }

  /** Duplicate method names are an error at start-up, as for the contract's handlers. */
  const addShellMethods: AddShellMethods = (specs, shellHandlers) => {
    const names = Object.keys(specs);
    for (const name of names) {
      if (isMethodName(name) || shellMethods.has(name)) throw new Error(`A shell method may not take the name of another method: ${name}.`);
      if (typeof shellHandlers[name] !== 'function') throw new Error(`The shell gave no handler for ${name}.`);
    }
    for (const name of names) {
      const spec = specs[name];
      const run = shellHandlers[name];
      if (spec && run) shellMethods.set(name, { input: spec.input, run: run as (input: unknown) => unknown });
    }
    return () => {
      for (const name of names) shellMethods.delete(name);
    };
  };

  return { invoke, addShellMethods };
}
