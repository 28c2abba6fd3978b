import type { ParsedInputOf } from '../../../shared/contract.ts';
import type { CollectiveAction } from '../../../shared/actions.ts';
import { write, type CoreContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { listConfig } from '../repos/configRepo.ts';
import { changedFields } from './changes.ts';

function actionFrom(id: string, data: Record<string, unknown>): CollectiveAction {
  const day = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    id,
    title: typeof data.title === 'string' ? data.title : id,
    forPatients: typeof data.forPatients === 'string' ? data.forPatients : '',
    taking: data.taking === true,
    from: day(data.from),
    until: day(data.until),
    builtin: data.builtin === true,
  };
}

export function listActions(ctx: CoreContext): CollectiveAction[] {
  return listConfig(ctx, 'action').map((row) => actionFrom(row.id, row.data));
}

function requireAction(ctx: CoreContext, actionId: string): CollectiveAction {
  const action = listActions(ctx).find((candidate) => candidate.id === actionId);
  if (!action) throw new DomainError('not_found', 'That action is not in the register. Refresh the list and choose again.', 'actionId');
  return action;
}

function assertDates(action: Pick<CollectiveAction, 'taking' | 'from' | 'until'>): void {
  if (action.taking && action.from === null) throw new DomainError('invalid_input', 'Say from which date the practice is taking this action.', 'from');
  if (action.from !== null && action.until !== null && action.until < action.from) {
    throw new DomainError('invalid_input', 'The end date is before the start date.', 'until');
  }
}

export function createAction(ctx: CoreContext, input: ParsedInputOf<'action.create'>): CollectiveAction {
  return write(ctx, () => {
    const fields = { title: input.title, forPatients: input.forPatients ?? '', taking: input.taking ?? false, from: input.from ?? null, until: input.until ?? null };
    assertDates(fields);
    const actionId = ctx.ids.newId();
    ctx.log.append('action.created', { actionId, ...fields });
    return requireAction(ctx, actionId);
  });
}

export function updateAction(ctx: CoreContext, input: ParsedInputOf<'action.update'>): CollectiveAction {
  return write(ctx, () => {
    const { actionId, ...requested } = input;
    const current = requireAction(ctx, actionId);
    const changes = changedFields(current, requested);
    if (Object.keys(changes).length === 0) return current;
    assertDates({ ...current, ...changes });
    ctx.log.append('action.updated', { actionId, changes });
    return requireAction(ctx, actionId);
  });
}
