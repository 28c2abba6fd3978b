import type { ParsedInputOf } from '../../../shared/contract.ts';
import { readAddress, readJoinCode, type NetworkStatus } from '../../../shared/network.ts';
import type { CoreContext } from '../context.ts';
import { DomainError } from '../errors.ts';

/** The Network page's requests: checked here, carried out by the practice network (ctx.network). */
export function networkStatus(ctx: CoreContext): NetworkStatus {
  return ctx.network.status();
}

export function createNetwork(ctx: CoreContext): { joinCode: string; status: NetworkStatus } {
  const joinCode = ctx.network.create();
  return { joinCode, status: ctx.network.status() };
}

export function joinNetwork(ctx: CoreContext, input: ParsedInputOf<'network.join'>): NetworkStatus {
  const reading = readJoinCode(input.code);
  if (!reading.ok) throw new DomainError('invalid_input', `${reading.message} Nothing was changed.`, 'code');
  ctx.network.join(reading.secret);
  return ctx.network.status();
}

export function networkJoinCode(ctx: CoreContext): { joinCode: string | null } {
  return { joinCode: ctx.network.joinCode() };
}

export function leaveNetwork(ctx: CoreContext): NetworkStatus {
  ctx.network.leave();
  return ctx.network.status();
}

export function removeFromNetwork(ctx: CoreContext, input: ParsedInputOf<'network.remove'>): NetworkStatus {
  ctx.network.remove(input.deviceId);
  return ctx.network.status();
}

export function configureNetwork(ctx: CoreContext, input: ParsedInputOf<'network.configure'>): NetworkStatus {
  const port = input.port ?? ctx.network.status().port;
  let addresses: string[] | undefined;
  if (input.addresses !== undefined) {
    addresses = [];
    for (const typed of input.addresses) {
      if (typed.trim() === '') continue;
      const reading = readAddress(typed, port);
      if (!reading.ok) throw new DomainError('invalid_input', `${reading.message} Nothing was changed.`, 'addresses');
      if (!addresses.includes(reading.address)) addresses.push(reading.address);
    }
  }
  ctx.network.configure({ ...(addresses === undefined ? {} : { addresses }), ...(input.port === undefined ? {} : { port: input.port }) });
  return ctx.network.status();
}
