import type { ParsedInputOf } from '../../../shared/contract.ts';
import type { DirectoryEntry } from '../../../shared/directory.ts';
import { write, type CoreContext } from '../context.ts';
import { changedFields } from './changes.ts';
import { DomainError } from '../errors.ts';
import { currentDirectory } from './configViews.ts';

export function requireDirectoryEntry(ctx: CoreContext, entryId: string, field = 'entryId'): DirectoryEntry {
  const entry = currentDirectory(ctx).find((candidate) => candidate.id === entryId);
  if (!entry) throw new DomainError('not_found', 'That service is not in the directory. Choose one from the list.', field);
  return entry;
}

export function listDirectory(ctx: CoreContext, input: ParsedInputOf<'directory.list'>): DirectoryEntry[] {
  const all = currentDirectory(ctx);
  return input.includeInactive ? [...all] : all.filter((entry) => entry.active);
}

export function createDirectoryEntry(ctx: CoreContext, input: ParsedInputOf<'directory.create'>): DirectoryEntry {
  return write(ctx, () => {
    const entryId = ctx.ids.newId();
    ctx.log.append('directory.created', {
      entryId,
      kind: input.kind,
      name: input.name,
      phone: input.phone ?? '',
      address: input.address ?? '',
      hours: input.hours ?? '',
      hint: input.hint ?? '',
    });
    return requireDirectoryEntry(ctx, entryId);
  });
}

export function updateDirectoryEntry(ctx: CoreContext, input: ParsedInputOf<'directory.update'>): DirectoryEntry {
  return write(ctx, () => {
    const { entryId, ...requested } = input;
    const current = requireDirectoryEntry(ctx, entryId);
    const changes = changedFields(current, requested);
    if (Object.keys(changes).length === 0) return current;
    ctx.log.append('directory.updated', { entryId, changes });
    return requireDirectoryEntry(ctx, entryId);
  });
}
