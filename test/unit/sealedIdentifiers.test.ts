import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isSealed, keyOfStored, newKey, seal, storedKey, unseal } from '../../main/core/db/sealedIdentifiers.ts';

/** A record's identifiers sealed under its own key (issue 10 §5): opened only with that key, for that record, as written. */
describe('sealed identifiers', () => {
  const identifiers = { note: 'Itchy rash on the left forearm', nhsNumber: '943 476 5919' };

  it('opens with the record’s key and id, and gives back exactly what was sealed', () => {
    const key = newKey();
    const sealed = seal(key, 'record-1', identifiers);
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('rash');
    expect(sealed).not.toContain('943');
    expect(unseal(key, 'record-1', sealed)).toEqual(identifiers);
  });

  it('does not open with another key, for another record, or once a byte is changed', () => {
    const key = newKey();
    const sealed = seal(key, 'record-1', identifiers);
    expect(unseal(randomBytes(32), 'record-1', sealed)).toBeNull();
    expect(unseal(key, 'record-2', sealed)).toBeNull();
    const bytes = Buffer.from(sealed.slice(3), 'base64');
    bytes[bytes.length - 1] = (bytes.at(-1) ?? 0) ^ 0x01;
    expect(unseal(key, 'record-1', `s1.${bytes.toString('base64')}`)).toBeNull();
    expect(unseal(key, 'record-1', 'plain text')).toBeNull();
  });

  it('seals the same words differently each time', () => {
    const key = newKey();
    expect(seal(key, 'record-1', identifiers)).not.toBe(seal(key, 'record-1', identifiers));
  });

  it('stores a key behind its marker, and reads an overwritten one as no key', () => {
    const key = newKey();
    const stored = storedKey(key);
    expect(stored.subarray(0, 8).toString('ascii')).toBe('CCIDKEY1');
    expect(keyOfStored(stored)?.equals(key)).toBe(true);
    expect(keyOfStored(Buffer.concat([Buffer.from('CCIDKEY1'), Buffer.alloc(32)]))).toBeNull();
    expect(keyOfStored(Buffer.concat([Buffer.from('CCIDKEY2'), key]))).toBeNull();
  });
});
