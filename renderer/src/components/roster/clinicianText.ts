import { spokenKey } from '../../../../shared/deskKeys.ts';
import { resolveCap, splitDailyCap } from '../../../../shared/capacity.ts';
import { DEFAULT_ROLE_DEFAULTS, type Clinician, type ClinicianRole, type RoleDefault } from '../../../../shared/domain.ts';
import { useSettingsStore } from '../../stores/settingsStore.ts';

export type RoleDefaults = Record<ClinicianRole, RoleDefault>;

/** The practice's role defaults, or the built-in ones until the settings have loaded. */
export function useRoleDefaults(): RoleDefaults {
  return useSettingsStore((state) => state.settings?.roleDefaults) ?? DEFAULT_ROLE_DEFAULTS;
}

type CapFields = Pick<Clinician, 'role' | 'capped' | 'dailyCap' | 'amCap' | 'pmCap'>;

/** "25 (role default)", "20", "Not capped". */
export function capText(clinician: CapFields, defaults: RoleDefaults): string {
  const { capped, daily } = resolveCap(clinician, defaults);
  if (!capped) return clinician.capped === null ? 'Not capped (role default)' : 'Not capped';
  return clinician.dailyCap === null ? `${daily} (role default)` : String(daily);
}

/** "13 + 12 (automatic)" or "15 + 10"; a dash to see and "none" to hear when not capped. */
export function sessionCapsText(clinician: CapFields, defaults: RoleDefaults): string | null {
  const { capped, daily } = resolveCap(clinician, defaults);
  if (!capped) return null;
  if (clinician.amCap !== null && clinician.pmCap !== null) return `${clinician.amCap} + ${clinician.pmCap}`;
  const split = splitDailyCap(daily);
  return `${split.am} + ${split.pm} (automatic)`;
}

/** What the status line says once a clinician is added. */
export function addedText(clinician: Clinician, defaults: RoleDefaults): string {
  const { capped, daily } = resolveCap(clinician, defaults);
  const cap = capped ? `with a daily cap of ${daily}` : 'with contacts counted but not capped';
  const key = clinician.key ? ` Their desk key is ${spokenKey(clinician.key)}.` : ' No desk key was free: give them one with Edit.';
  return `Added ${clinician.name} ${cap}.${key} They work Monday to Friday until the rota says otherwise.`;
}
