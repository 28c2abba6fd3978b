import type { AuditTrailStatus } from '../../../shared/domain.ts';
import type { CoreContext } from '../context.ts';
import { listMembers } from '../repos/networkRepo.ts';
import { ChainVerifier, type ChainProblem, type ChainReport } from '../events/verifyChain.ts';
import { readDevice } from './device.ts';

/** One turn's work: a few pages, then the desk's own calls get their turn. */
const SLICE_MS = 8;
const PAGE_SIZE = 500;

export interface AuditTrail {
  /** Checks the whole chain in the background; a check asked for while one runs runs again once it ends. */
  check(): void;
  /** Resolves when no check is running or waiting (tests and tools). */
  settled(): Promise<AuditTrailStatus>;
  status(): AuditTrailStatus;
  close(): void;
}

export interface AuditTrailHooks {
  /** The chain is broken: the message names each PC and the records. */
  broken(message: string, report: ChainReport): void;
  /** The check itself could not read the database. */
  failed(error: unknown): void;
}

/**
 * The background check of the events' hash chain (issue 10 §2), run at start
 * and after every catch-up from the network. It works in slices of a few
 * milliseconds on the core's own connection, so a five-year database is
 * checked without the desk waiting on it.
 */
export function createAuditTrail(ctx: CoreContext, hooks: AuditTrailHooks): AuditTrail {
  let status: AuditTrailStatus = { checking: false, result: 'not_checked', checkedAt: null, events: 0 };
  let again = false;
  let closed = false;
  const waiters: ((status: AuditTrailStatus) => void)[] = [];

  const settle = () => {
    status = { ...status, checking: false };
    for (const resolve of waiters.splice(0)) resolve(status);
  };

  const run = () => {
    status = { ...status, checking: true };
    const verifier = new ChainVerifier(ctx);
    const slice = () => {
      if (closed) return settle();
      const until = performance.now() + SLICE_MS;
      try {
        while (performance.now() < until) {
          if (!verifier.step(PAGE_SIZE)) continue;
          const report = verifier.report();
          status = { checking: true, result: isIntact(report) ? 'intact' : 'broken', checkedAt: new Date(ctx.clock.now()).toISOString(), events: report.events };
          if (!isIntact(report)) hooks.broken(describeBreaks(ctx, report), report);
          return next();
        }
      } catch (error) {
        status = { ...status, result: 'not_checked' };
        hooks.failed(error);
        return next();
      }
      setImmediate(slice);
    };
    setImmediate(slice);
  };

  const next = () => {
    if (again && !closed) {
      again = false;
      run();
      return;
    }
    settle();
  };

  return {
    check() {
      if (closed) return;
      if (status.checking) again = true;
      else run();
    },
    settled: () => (status.checking ? new Promise((resolve) => waiters.push(resolve)) : Promise.resolve(status)),
    status: () => status,
    close() {
      closed = true;
      again = false;
      if (!status.checking) settle();
    },
  };
}

const WHAT: Record<ChainProblem['kind'], [one: string, many: string]> = {
  changed: ['was changed after it was written', 'were changed after they were written'],
  missing: ['is missing', 'are missing'],
  relinked: ['does not follow on from the record before it (one was changed, removed or put in)', 'do not follow on from the records before them (one was changed, removed or put in)'],
  inserted: ['was put in by something other than ContactCap', 'were put in by something other than ContactCap'],
};

export function isIntact(report: ChainReport): boolean {
  return report.problems.length === 0 && report.unplaced === 0;
}

/** For the practice manager: each PC by name (its id when the network does not know it), then its records. */
export function describeBreaks(ctx: CoreContext, report: ChainReport): string {
  const names = new Map(listMembers(ctx).map((member) => [member.deviceId, member.name]));
  names.set(ctx.log.origin, `${readDevice(ctx).deviceName} (this PC)`);
  const byPc = new Map<string, string[]>();
  for (const problem of report.problems) {
    const [one, many] = WHAT[problem.kind];
    const records = problem.from === problem.to ? `record ${problem.from} ${one}` : `records ${problem.from} to ${problem.to} ${many}`;
    byPc.set(problem.origin, [...(byPc.get(problem.origin) ?? []), records]);
  }
  const pcs = [...byPc].map(([origin, records]) => `On ${names.get(origin) ?? `the PC with id ${origin}`}: ${records.join('; ')}.`);
  if (report.unplaced > 0) pcs.push(`${report.unplaced} record${report.unplaced === 1 ? ' no longer says' : 's no longer say'} which PC wrote ${report.unplaced === 1 ? 'it' : 'them'}.`);
  const more = report.unlisted > 0 ? ` And ${report.unlisted} more records are in trouble.` : '';
  return (
    `The audit trail on this PC does not add up: records of changes were altered outside ContactCap. ${pcs.join(' ')}${more} ` +
    'The desk can carry on. Leave this PC’s files as they are and tell your practice manager and IT support today.'
  );
}
