// The header speaks in the desk's own time: these tests run as a PC in England does.
process.env.TZ = 'Europe/London';

import { describe, expect, it } from 'vitest';
import { networkMember, networkStatus } from '../../helpers/networkStatus.ts';
import { describeSkew, networkHeadline, readAddress, type NetworkMember, type NetworkStatus } from '../../../shared/network.ts';

const NOT_AN_ADDRESS = (typed: string, port: number) => `“${typed}” is not an address: type a PC’s name or IP address, such as 192.168.1.20 or 192.168.1.20:${port}.`;
const BAD_PORT = (typed: string) => `The port in “${typed}” must be a number from 1024 to 65535.`;

describe('an address typed on the Network page', () => {
  it.each([
    ['192.168.1.20', '192.168.1.20:42525'],
    ['  192.168.1.20:42600 ', '192.168.1.20:42600'],
    ['reception-2', 'reception-2:42525'],
    ['Reception-2.surgery.local:50000', 'Reception-2.surgery.local:50000'],
    ['a', 'a:42525'],
    ['10.0.0.5:1024', '10.0.0.5:1024'],
    ['10.0.0.5:65535', '10.0.0.5:65535'],
    ['0.0.0.0', '0.0.0.0:42525'],
    ['255.255.255.255:42526', '255.255.255.255:42526'],
  ])('reads %j as %j', (typed, address) => {
    expect(readAddress(typed, 42525)).toEqual({ ok: true, address });
  });

  it('takes the port the practice uses when none is typed', () => {
    expect(readAddress('desk-1', 50123)).toEqual({ ok: true, address: 'desk-1:50123' });
  });

  it.each(['http://192.168.1.20', 'desk_2', '-desk', 'desk-', 'desk 2', '192.168.1.20:', ':42525', '192.168.1.20:123456', '192.168.1.20:42525:1', '[::1]:42525', 'dësk', ''])(
    'says %j is not an address',
    (typed) => {
      expect(readAddress(typed, 42525)).toEqual({ ok: false, message: NOT_AN_ADDRESS(typed, 42525) });
    },
  );

  it('names the practice’s own port in the example it gives', () => {
    expect(readAddress('desk_2', 50123)).toEqual({ ok: false, message: NOT_AN_ADDRESS('desk_2', 50123) });
  });

  it.each(['10.0.0.5:1023', '10.0.0.5:0', '10.0.0.5:80', 'desk:65536', 'desk:99999'])('says the port in %j is out of range', (typed) => {
    expect(readAddress(typed, 42525)).toEqual({ ok: false, message: BAD_PORT(typed) });
  });

  it.each(['192.168.1.300', '192.168.1', '192.168.1.20.5', '256.0.0.1:42600', '1234.5.6.7'])('says %j is not an IP address a PC can have', (typed) => {
    expect(readAddress(typed, 42525)).toEqual({
      ok: false,
      message: `“${typed}” is not an IP address: it has four numbers from 0 to 255 with dots between, such as 192.168.1.20.`,
    });
  });
});

function member(name: string, change: Partial<NetworkMember> = {}): NetworkMember {
  return networkMember({ deviceId: `${name.length}`.padStart(16, '0'), name, held: 10, ...change });
}

function status(change: Partial<NetworkStatus> = {}): NetworkStatus {
  return networkStatus({ thisPc: { deviceId: 'f'.repeat(16), name: 'Desk 1' }, ...change });
}

/** 11:00 in London on Wednesday 25 November 2026 (GMT), and on 1 July 2026 (BST). */
const WINTER_NOW = Date.parse('2026-11-25T11:00:00Z');
const SUMMER_NOW = Date.parse('2026-07-01T10:00:00Z');

describe('the header’s line about the network', () => {
  it('says nothing on a PC that is on its own', () => {
    expect(networkHeadline(status({ state: 'not_joined', members: [member('Desk 2', { connected: false })] }), WINTER_NOW)).toBeNull();
  });

  it('says sharing has stopped and the desk carries on', () => {
    expect(networkHeadline(status({ state: 'stopped', members: [member('Desk 2')] }), WINTER_NOW)).toBe('Sharing with other PCs has stopped: restarting it. This PC carries on recording.');
  });

  it('says it is starting', () => {
    expect(networkHeadline(status({ state: 'starting' }), WINTER_NOW)).toBe('Starting to share with the other PCs…');
  });

  it('says no other PC has joined, removed PCs not counting', () => {
    expect(networkHeadline(status(), WINTER_NOW)).toBe('In the practice network: no other PC has joined yet');
    expect(networkHeadline(status({ members: [member('Old desk', { removed: true, connected: false })] }), WINTER_NOW)).toBe('In the practice network: no other PC has joined yet');
  });

  it('counts the PCs it is in step with', () => {
    expect(networkHeadline(status({ members: [member('Desk 2')] }), WINTER_NOW)).toBe('In step with 1 PC');
    expect(networkHeadline(status({ members: [member('Desk 2'), member('Room 4'), member('Office')] }), WINTER_NOW)).toBe('In step with 3 PCs');
    expect(networkHeadline(status({ members: [member('Desk 2'), member('Gone', { removed: true, connected: false })] }), WINTER_NOW)).toBe('In step with 1 PC');
  });

  it('names a PC it cannot reach, and when it last heard from it today, in London time', () => {
    const desk2 = member('Desk 2', { connected: false, lastSeen: '2026-11-25T10:31:00.000Z' });
    expect(networkHeadline(status({ members: [desk2, member('Room 4')] }), WINTER_NOW)).toBe('Desk 2 not seen since 10:31');
    const summer = member('Desk 2', { connected: false, lastSeen: '2026-07-01T09:31:00.000Z' });
    expect(networkHeadline(status({ members: [summer] }), SUMMER_NOW)).toBe('Desk 2 not seen since 10:31');
  });

  it('names every PC it cannot reach, each with the time it was last heard from', () => {
    const members = [
      member('Desk 1', { connected: false, lastSeen: '2026-11-25T09:05:00.000Z' }),
      member('Desk 2', { connected: false, lastSeen: '2026-11-25T10:31:00.000Z' }),
      member('Room 4', { connected: false }),
      member('Office'),
    ];
    expect(networkHeadline(status({ members }), WINTER_NOW)).toBe('3 PCs not seen: Desk 1 since 09:05, Desk 2 since 10:31 and Room 4 not yet');
  });

  it('gives the date for a PC last heard from on another day', () => {
    expect(networkHeadline(status({ members: [member('Desk 2', { connected: false, lastSeen: '2026-11-24T16:45:00.000Z' })] }), WINTER_NOW)).toBe('Desk 2 not seen since 24/11/2026');
  });

  it('says a PC has not been seen yet when it never has', () => {
    expect(networkHeadline(status({ members: [member('Desk 2', { connected: false })] }), WINTER_NOW)).toBe('Desk 2 not seen yet');
    expect(networkHeadline(status({ members: [member('Desk 2', { connected: false }), member('Room 4', { connected: false })] }), WINTER_NOW)).toBe('Desk 2 and Room 4 not seen yet');
  });

  it('says how much it still has to catch up', () => {
    expect(networkHeadline(status({ members: [member('Desk 2'), member('Room 4')], behind: 12_345, catchingUp: true }), WINTER_NOW)).toBe('Catching up with 2 PCs: 12,345 to go');
    expect(networkHeadline(status({ members: [member('Desk 2')], behind: 7 }), WINTER_NOW)).toBe('Catching up with 1 PC: 7 to go');
  });
});

describe('a clock difference in words', () => {
  it.each([
    [0, 'less than a second apart'],
    [-400, 'less than a second apart'],
    [1_000, '1 second ahead'],
    [-1_000, '1 second behind'],
    [40_000, '40 seconds ahead'],
    [-40_400, '40 seconds behind'],
    [89_000, '89 seconds ahead'],
    [90_000, '2 minutes ahead'],
    [-180_000, '3 minutes behind'],
    [3_600_000, '60 minutes ahead'],
    [5_399_000, '90 minutes ahead'],
    [5_400_000, '2 hours ahead'],
    [-86_400_000, '24 hours behind'],
  ])('%d ms is “%s”', (skewMs, words) => {
    expect(describeSkew(skewMs)).toBe(words);
  });
});
