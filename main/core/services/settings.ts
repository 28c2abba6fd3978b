import type { ParsedInputOf } from '../../../shared/contract.ts';
import type { PracticeSettings } from '../../../shared/settings.ts';
import { write, type CoreContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { currentConfig, currentContactTypes } from './configViews.ts';

export function readSettings(ctx: CoreContext): PracticeSettings {
  return currentConfig(ctx.db).settings;
}

export function updateSettings(ctx: CoreContext, input: ParsedInputOf<'settings.update'>): PracticeSettings {
  return write(ctx, () => {
    const current = readSettings(ctx);
    const { roleDefaults, ...plain } = input;
    if (plain.defaultContactType !== undefined && plain.defaultContactType !== 'auto') {
      const type = currentContactTypes(ctx.db).find((candidate) => candidate.id === plain.defaultContactType && candidate.active);
      if (!type) throw new DomainError('invalid_input', 'Choose the usual type of contact from the list, or “most common”.', 'defaultContactType');
    }
    // Only what actually changes goes into the log.
    const changes: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(plain)) {
      if (value !== undefined && value !== current[key as keyof typeof plain]) changes[key] = value;
    }
    for (const [role, patch] of Object.entries(roleDefaults ?? {})) {
      const existing = current.roleDefaults[role as keyof PracticeSettings['roleDefaults']];
      const next = { capped: patch.capped ?? existing.capped, dailyCap: patch.dailyCap ?? existing.dailyCap };
      if (next.capped !== existing.capped || next.dailyCap !== existing.dailyCap) changes[`roleDefault:${role}`] = next;
    }
    if (Object.keys(changes).length > 0) ctx.log.append('settings.updated', { changes });
    return readSettings(ctx);
  });
}
