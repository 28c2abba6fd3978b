/**
 * Types for the parts of Hypercore, Corestore, secret-stream, Protomux,
 * compact-encoding and bonjour-service that ContactCap uses. They ship none;
 * this covers only what main/replication/ calls, at the pinned versions in
 * package.json. Upgrading any of them means checking these against its source.
 */
declare module 'hypercore' {
  import type { EventEmitter } from 'node:events';
  export interface Hypercore extends EventEmitter {
    readonly key: Buffer;
    readonly discoveryKey: Buffer;
    readonly length: number;
    readonly contiguousLength: number;
    readonly writable: boolean;
    readonly closed: boolean;
    ready(): Promise<void>;
    append(blocks: Buffer | Buffer[]): Promise<{ length: number }>;
    get(index: number, options?: { wait?: boolean; timeout?: number }): Promise<Buffer | null>;
    download(range?: { start?: number; end?: number; linear?: boolean }): { done(): Promise<void>; destroy(): void };
    close(): Promise<void>;
  }
  const Hypercore: unknown;
  export default Hypercore;
}

declare module 'corestore' {
  import type { Hypercore } from 'hypercore';
  export interface KeyPair {
    publicKey: Buffer;
    secretKey: Buffer;
  }
  export default class Corestore {
    constructor(storage: string, options?: Record<string, unknown>);
    ready(): Promise<void>;
    get(options: { name: string } | { key: Buffer }): Hypercore;
    createKeyPair(name: string): Promise<KeyPair>;
    replicate(stream: unknown): unknown;
    close(): Promise<void>;
  }
}

declare module '@hyperswarm/secret-stream' {
  import type { Duplex } from 'node:stream';
  import type { KeyPair } from 'corestore';
  export default class SecretStream extends Duplex {
    constructor(isInitiator: boolean, rawStream: Duplex, options?: { keyPair?: KeyPair });
    readonly opened: Promise<boolean>;
    readonly handshakeHash: Buffer | null;
    readonly publicKey: Buffer;
    readonly remotePublicKey: Buffer | null;
    userData: unknown;
    setKeepAlive(ms: number): void;
  }
}

declare module 'compact-encoding' {
  export interface Encoding<T> {
    preencode(state: unknown, value: T): void;
    encode(state: unknown, value: T): void;
    decode(state: unknown): T;
  }
  export const json: Encoding<unknown>;
  const encodings: { json: Encoding<unknown> };
  export default encodings;
}

declare module 'protomux' {
  import type { Encoding } from 'compact-encoding';
  export interface Message {
    send(value: unknown): boolean;
  }
  export interface Channel {
    addMessage(options: { encoding: Encoding<unknown>; onmessage: (value: unknown) => void }): Message;
    open(handshake?: unknown): void;
    close(): void;
  }
  export default class Protomux {
    static from(stream: unknown): Protomux;
    createChannel(options: { protocol: string; onclose?: () => void; onopen?: () => void }): Channel;
  }
}
