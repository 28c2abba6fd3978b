import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/createCore.ts';
import { must, openTestCore } from '../helpers/fixtures.ts';
import { quietReplication, type QuietReplication } from '../helpers/quietReplication.ts';

/**
 * The replication process holds its folder (the Hypercores' storage) until it
 * has exited. A second process opened on that folder while the first is still
 * closing would find it locked, and a folder removed or copied then is caught
 * half-written. So a new process starts only once the old one has gone, and
 * the core says when none runs.
 */
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

function open(): { core: Core; replication: QuietReplication } {
  const dir = mkdtempSync(path.join(tmpdir(), 'contactcap-handover-'));
  // The stand-in process exits only when the test says so.
  const replication = quietReplication({ exitWhenTold: false });
  const core = openTestCore(dir, { network: { spawn: replication.spawn } });
  cleanups.push(() => {
    core.close();
    for (const channel of replication.channels) channel.exit('test over');
    rmSync(dir, { recursive: true, force: true });
  });
  return { core, replication };
}

async function settled(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}

/** Whether core.stopped() has resolved once pending callbacks have run. */
async function hasStopped(core: Core): Promise<boolean> {
  let resolved = false;
  void core.stopped().then(() => {
    resolved = true;
  });
  await settled();
  return resolved;
}

describe('one replication process at a time', () => {
  it('a new port starts the new process only once the old one has exited', async () => {
    const { core, replication } = open();
    must(core.call('network.create', {}));
    expect(replication.channels).toHaveLength(1);
    must(core.call('network.configure', { port: 42600 }));
    const [first] = replication.channels;
    expect(first?.sent.at(-1)?.kind).toBe('stop');
    await settled();
    expect(replication.channels).toHaveLength(1);
    expect(must(core.call('network.status', {})).state).toBe('starting');
    first?.exit('exited with code 0');
    expect(replication.channels).toHaveLength(2);
    expect(replication.latest().sent[0]).toMatchObject({ kind: 'start', port: 42600 });
  });

  it('leaving then joining again waits for the process that is leaving', async () => {
    const { core, replication } = open();
    const { joinCode } = must(core.call('network.create', {}));
    must(core.call('network.leave', {}));
    must(core.call('network.join', { code: joinCode }));
    await settled();
    expect(replication.channels).toHaveLength(1);
    replication.channels[0]?.exit('exited with code 0');
    expect(replication.channels).toHaveLength(2);
    expect(replication.latest().sent[0]?.kind).toBe('start');
  });

  it('stopped() resolves only once the process has exited after close', async () => {
    const { core, replication } = open();
    must(core.call('network.create', {}));
    core.close();
    expect(await hasStopped(core)).toBe(false);
    replication.latest().exit('exited with code 0');
    expect(await hasStopped(core)).toBe(true);
  });

  it('stopped() resolves at once for a PC that never joined', async () => {
    const { core } = open();
    core.close();
    expect(await hasStopped(core)).toBe(true);
  });
});
