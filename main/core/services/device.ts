import { hostname } from 'node:os';
import type { ParsedInputOf } from '../../../shared/contract.ts';
import type { DeviceSettings } from '../../../shared/domain.ts';
import { write, type CoreContext } from '../context.ts';
import { getDeviceSetting, setDeviceSetting } from '../repos/deviceRepo.ts';
import { changedFields } from './changes.ts';
import { requireClinician } from './clinicians.ts';

/**
 * (design) This PC's name, who is at the desk and whose clinician view it shows
 * are local preferences, not practice data: they are stored on the PC, outside
 * the event log, and every record made here carries the staff name and PC name.
 */
export function readDevice(ctx: CoreContext): DeviceSettings {
  const deviceName = getDeviceSetting(ctx, 'deviceName');
  const staffName = getDeviceSetting(ctx, 'staffName');
  const clinicianViewId = getDeviceSetting(ctx, 'clinicianViewId');
  return {
    deviceName: typeof deviceName === 'string' ? deviceName : hostname(),
    staffName: typeof staffName === 'string' ? staffName : '',
    clinicianViewId: typeof clinicianViewId === 'string' ? clinicianViewId : null,
  };
}

export function updateDevice(ctx: CoreContext, input: ParsedInputOf<'device.update'>): DeviceSettings {
  return write(ctx, () => {
    if (typeof input.clinicianViewId === 'string') requireClinician(ctx, input.clinicianViewId, 'clinicianViewId');
    for (const [key, value] of Object.entries(changedFields(readDevice(ctx), input))) setDeviceSetting(ctx, key, value);
    return readDevice(ctx);
  });
}
