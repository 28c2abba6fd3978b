import type { MethodName, ParsedInputOf, ResultOf } from '../../../shared/contract.ts';
import type { Topic } from '../../../shared/events.ts';
import type { CoreContext } from '../context.ts';
import { todayBoard } from '../services/board.ts';
import { createClinician, deactivateClinician, listCliniciansFor, renameClinician } from '../services/clinicians.ts';
import { listContactsFor, recordContact, voidContact } from '../services/contacts.ts';
import type { SystemStatus } from '../../../shared/domain.ts';

export interface Handler<M extends MethodName> {
  /** What a successful call changes; windows showing these are told to refresh. */
  changes: readonly Topic[];
  run(ctx: CoreContext, input: ParsedInputOf<M>): ResultOf<M>;
}

export type Handlers = { [M in MethodName]: Handler<M> };

const reads: readonly Topic[] = [];

export function createHandlers(status: (ctx: CoreContext) => SystemStatus): Handlers {
  return {
    'system.status': { changes: reads, run: (ctx) => status(ctx) },
    'clinician.list': { changes: reads, run: listCliniciansFor },
    'clinician.create': { changes: ['clinicians'], run: createClinician },
    'clinician.rename': { changes: ['clinicians'], run: renameClinician },
    'clinician.deactivate': { changes: ['clinicians'], run: deactivateClinician },
    'contact.record': { changes: ['contacts'], run: recordContact },
    'contact.void': { changes: ['contacts'], run: voidContact },
    'contact.listForDay': { changes: reads, run: listContactsFor },
    'board.today': { changes: reads, run: (ctx) => todayBoard(ctx) },
  } satisfies Handlers;
}
