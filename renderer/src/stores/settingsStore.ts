import { create } from 'zustand';
import type { InputOf } from '../../../shared/contract.ts';
import type { DeviceSettings } from '../../../shared/domain.ts';
import type { Envelope } from '../../../shared/result.ts';
import type { PracticeSettings } from '../../../shared/settings.ts';
import { api } from '../api/client.ts';
import { coalesce } from './coalesce.ts';

interface SettingsState {
  settings: PracticeSettings | null;
  device: DeviceSettings | null;
  refresh: () => Promise<void>;
  updateSettings: (input: InputOf<'settings.update'>) => Promise<Envelope<PracticeSettings>>;
  updateDevice: (input: InputOf<'device.update'>) => Promise<Envelope<DeviceSettings>>;
}

/** The practice's settings and this PC's own. */
export const useSettingsStore = create<SettingsState>()((set) => {
  const refresh = coalesce(async () => {
    const [settings, device] = await Promise.all([api().call('settings.get', {}), api().call('device.get', {})]);
    if (settings.ok && device.ok) set({ settings: settings.value, device: device.value });
  });
  return {
    settings: null,
    device: null,
    refresh,
    async updateSettings(input) {
      const result = await api().call('settings.update', input);
      if (result.ok) set({ settings: result.value });
      return result;
    },
    async updateDevice(input) {
      const result = await api().call('device.update', input);
      if (result.ok) set({ device: result.value });
      return result;
    },
  };
});
