import type { ReplicationChannel } from '../../main/core/createCore.ts';
import type { FromReplicator, ToReplicator } from '../../shared/replication.ts';

/** One stand-in replication process: it hears what the core sends, and says only what a test makes it say. */
export interface QuietChannel extends ReplicationChannel {
  readonly sent: ToReplicator[];
  /** Hands the core a message as the replication process would. */
  say(message: FromReplicator): void;
  readonly killed: boolean;
  readonly exited: boolean;
  /** Ends the "process" now, as a crash or a finished stop would. */
  exit(detail: string): void;
}

export interface QuietReplication {
  /** For core options `network.spawn`: starts no process, opens no port. */
  spawn: () => ReplicationChannel;
  /** Every channel started, oldest first. */
  readonly channels: QuietChannel[];
  /** The channel started last; fails the test when none was. */
  latest(): QuietChannel;
}

/**
 * A replication "process" that never answers unless told to. For tests of the
 * core's contract (validation, what is saved), not of replication: those live
 * in test/network/ and use the real process.
 */
export function quietReplication(options: { exitWhenTold?: boolean } = {}): QuietReplication {
  const exitWhenTold = options.exitWhenTold ?? true;
  const channels: QuietChannel[] = [];
  return {
    channels,
    spawn() {
      const listeners: ((message: FromReplicator) => void)[] = [];
      const exitListeners: ((detail: string) => void)[] = [];
      const sent: ToReplicator[] = [];
      let killed = false;
      let exited = false;
      const channel: QuietChannel = {
        sent,
        get killed() {
          return killed;
        },
        get exited() {
          return exited;
        },
        exit(detail) {
          if (exited) return;
          exited = true;
          for (const listener of exitListeners) listener(detail);
        },
        send(message) {
          sent.push(message);
          // A real process exits a moment after it is told to stop (unless the test holds it).
          if (message.kind === 'stop' && exitWhenTold) setImmediate(() => channel.exit('exited with code 0'));
        },
        onMessage(listener) {
          listeners.push(listener);
        },
        onExit(listener) {
          // It never exits by itself: only when told to stop, killed, or by exit().
          exitListeners.push(listener);
        },
        kill() {
          killed = true;
          if (exitWhenTold) setImmediate(() => channel.exit('ended by SIGKILL'));
        },
        say(message) {
          for (const listener of listeners) listener(message);
        },
      };
      channels.push(channel);
      return channel;
    },
    latest() {
      const channel = channels.at(-1);
      if (!channel) throw new Error('No replication channel was started.');
      return channel;
    },
  };
}
