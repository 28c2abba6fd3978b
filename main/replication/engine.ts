/**
 * The typed door to the replication engine: Hypercore 11, Corestore 7 and
 * secret-stream 6 with Protomux, pinned in package.json. Nothing else in
 * ContactCap imports them, so an upgrade is checked here and in vendor.d.ts.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { rename } from 'node:fs/promises';
import type { Socket } from 'node:net';
import Corestore, { type KeyPair } from 'corestore';
import SecretStream from '@hyperswarm/secret-stream';
import Protomux, { type Channel, type Message } from 'protomux';
import c from 'compact-encoding';
import type { Hypercore } from 'hypercore';

export type { Hypercore, KeyPair, Channel, Message };
export { SecretStream, Protomux };

/** The folder's device file says it was copied or restored (Corestore refuses it). */
export function isMovedStore(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'DEVICE_FILE';
}

/**
 * Opens the store. A folder that Corestore refuses as moved (a copy, or a
 * restore from a backup) is set aside untouched and a new one made: the PC
 * then takes a new device id, so its sequence numbers are never reused.
 */
export async function openStore(dir: string, now: () => number): Promise<{ store: Corestore; moved: boolean }> {
  const first = new Corestore(dir);
  try {
    await first.ready();
    return { store: first, moved: false };
  } catch (error) {
    await first.close().catch(() => undefined);
    if (!isMovedStore(error)) throw error;
    await rename(dir, `${dir}.moved-aside-${now()}`);
    const fresh = new Corestore(dir);
    await fresh.ready();
    return { store: fresh, moved: true };
  }
}

export const json = c.json;

/** The encrypted stream over one TCP socket, with the Noise handshake as initiator or responder. */
export function secureStream(isInitiator: boolean, socket: Socket, keyPair: KeyPair): SecretStream {
  return new SecretStream(isInitiator, socket, { keyPair });
}

/**
 * The proof that a side holds the practice key: an HMAC, under the key, of
 * this connection's Noise handshake hash and the side's own static key, with
 * its role, so a proof can be replayed neither on another connection nor back
 * to its sender.
 */
export function proofOf(practiceKey: Buffer, role: 'initiator' | 'responder', handshakeHash: Buffer, publicKey: Buffer): string {
  return createHmac('sha256', practiceKey)
    .update('contactcap-lan-proof-v1')
    .update(role)
    .update(handshakeHash)
    .update(publicKey)
    .digest('hex');
}

export function proofMatches(expected: string, offered: unknown): boolean {
  if (typeof offered !== 'string' || offered.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(offered), Buffer.from(expected));
}
