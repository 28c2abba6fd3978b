import type { ParsedInputOf } from '../../../shared/contract.ts';
import { ROLE_LABELS, type RoleDefault } from '../../../shared/domain.ts';
import { minutesOf } from '../../../shared/rota.ts';
import type { PracticeSettings } from '../../../shared/settings.ts';
import { write, type CoreContext } from '../context.ts';
import { changedFields } from './changes.ts';
import { DomainError } from '../errors.ts';
import { currentConfig, currentContactTypes } from './configViews.ts';

export function readSettings(ctx: CoreContext): PracticeSettings {
  return currentConfig(ctx).settings;
}

export function updateSettings(ctx: CoreContext, input: ParsedInputOf<'settings.update'>): PracticeSettings {
  return write(ctx, () => {
    const current = readSettings(ctx);
    const { roleDefaults, ...plain } = input;
    if (plain.defaultContactType !== undefined && plain.defaultContactType !== 'auto') {
      const type = currentContactTypes(ctx).find((candidate) => candidate.id === plain.defaultContactType && candidate.active);
      if (!type) throw new DomainError('invalid_input', 'Choose the usual type of contact from the list, or “most common”.', 'defaultContactType');
    }
    const split = minutesOf(plain.sessionSplit ?? current.sessionSplit);
    if (minutesOf(plain.dayEnd ?? current.dayEnd) <= split) {
      throw new DomainError(
        'invalid_input',
        `The afternoon must end after it starts (${plain.sessionSplit ?? current.sessionSplit}). Enter a later end time, for example 18:30.`,
        plain.dayEnd === undefined ? 'sessionSplit' : 'dayEnd',
      );
    }
    // Skipping the setup again after it was done leaves it done.
    if (plain.setup === 'skipped' && current.setup === 'done') delete plain.setup;
    const changes = changedFields(current, plain);
    for (const [role, patch] of Object.entries(roleDefaults ?? {})) {
      const existing = current.roleDefaults[role as keyof PracticeSettings['roleDefaults']];
      const next = { capped: patch.capped ?? existing.capped, dailyCap: patch.dailyCap ?? existing.dailyCap };
      if (next.capped !== existing.capped || next.dailyCap !== existing.dailyCap) changes[`roleDefault:${role}`] = next;
    }
    assertSessionCapsStillFit(ctx, changes);
    if (Object.keys(changes).length > 0) ctx.log.append('settings.updated', { changes });
    return readSettings(ctx);
  });
}

/**
 * A new default daily cap for a role must still be the sum of the own session
 * caps of every clinician who follows that default (DOMAIN.md §3).
 */
function assertSessionCapsStillFit(ctx: CoreContext, changes: Record<string, unknown>): void {
  for (const clinician of currentConfig(ctx).clinicians) {
    const next = changes[`roleDefault:${clinician.role}`] as RoleDefault | undefined;
    if (!next || !clinician.active || clinician.dailyCap !== null || clinician.amCap === null || clinician.pmCap === null) continue;
    if (clinician.amCap + clinician.pmCap !== next.dailyCap) {
      throw new DomainError(
        'conflict',
        `${clinician.name} has their own morning and afternoon caps (${clinician.amCap} + ${clinician.pmCap}), which would no longer add up to ` +
          `the new daily cap for ${ROLE_LABELS[clinician.role]} (${next.dailyCap}). Change their caps first.`,
        'roleDefaults',
      );
    }
  }
}
