import type { IsAsync, MethodName, ParsedInputOf, ResultOf } from '../../../shared/contract.ts';
import type { SystemStatus } from '../../../shared/domain.ts';
import type { Topic } from '../../../shared/events.ts';
import type { CoreContext } from '../context.ts';
import { todayBoard } from '../services/board.ts';
import { importClinicians } from '../services/clinicianImport.ts';
import { createClinician, deactivateClinician, listCliniciansFor, reactivateClinician, renameClinician, updateClinician } from '../services/clinicians.ts';
import { createContactType, listContactTypes, updateContactType } from '../services/contactTypes.ts';
import { listContactsFor, recordContact, voidContact } from '../services/contacts.ts';
import { listDeferralsFor, recordDeferral, voidDeferral } from '../services/deferrals.ts';
import { readDevice, updateDevice } from '../services/device.ts';
import { createDirectoryEntry, listDirectory, updateDirectoryEntry } from '../services/directory.ts';
import { listRedirectionsFor, recordRedirection, voidRedirection } from '../services/redirections.ts';
import { createAction, listActions, updateAction } from '../services/actions.ts';
import { configureEndOfDay, endOfDayStatus, runEndOfDay } from '../services/endOfDay.ts';
import { backupStatus, backUp, cancelBackupRestore, configureBackups, requestBackupRestore } from '../services/backups.ts';
import { buildExport } from '../services/exports.ts';
import { assessGpas, gpasReport } from '../services/gpas.ts';
import { dayReport } from '../services/reports/day.ts';
import { rangeReport } from '../services/reports/range.ts';
import { getRota, setDay, setPattern } from '../services/rota.ts';
import { readSettings, updateSettings } from '../services/settings.ts';
import { auditCsv, readAudit } from '../services/audit.ts';
import { eraseExpired, eraseOnRequest, findIdentifiers, identifierSummary } from '../services/identifiers.ts';
import { addStaff, listStaff, sessionInfo, setStaffPin, signIn, signOut, touchSession, unlockStaff, updateStaff } from '../services/staff.ts';
import { configureNetwork, createNetwork, joinNetwork, leaveNetwork, networkJoinCode, networkStatus, removeFromNetwork } from '../services/network.ts';

export interface Handler<M extends MethodName> {
  /** What a successful call changes; windows showing these are told to refresh. A function when it depends on the input. */
  changes: readonly Topic[] | ((input: ParsedInputOf<M>) => readonly Topic[]);
  run(ctx: CoreContext, input: ParsedInputOf<M>): IsAsync<M> extends true ? Promise<ResultOf<M>> : ResultOf<M>;
}

export type Handlers = { [M in MethodName]: Handler<M> };

const reads: readonly Topic[] = [];
const roster: readonly Topic[] = ['clinicians'];
const network: readonly Topic[] = ['network'];
const staffTopics: readonly Topic[] = ['staff'];

export function createHandlers(status: (ctx: CoreContext) => SystemStatus, databaseFile: string): Handlers {
  return {
    'system.status': { changes: reads, run: (ctx) => status(ctx) },
    'device.get': { changes: reads, run: (ctx) => readDevice(ctx) },
    'device.update': { changes: ['device'], run: updateDevice },
    'settings.get': { changes: reads, run: (ctx) => readSettings(ctx) },
    'settings.update': {
      changes: (input) => (input.identifierRetentionDays === undefined ? ['settings'] : ['settings', 'redirections']),
      run: (ctx, input) => {
        const settings = updateSettings(ctx, input);
        // A shorter retention period erases at once what it now leaves out.
        if (input.identifierRetentionDays !== undefined) eraseExpired(ctx);
        return settings;
      },
    },
    'clinician.list': { changes: reads, run: listCliniciansFor },
    'clinician.create': { changes: roster, run: createClinician },
    'clinician.update': { changes: roster, run: updateClinician },
    'clinician.rename': { changes: roster, run: renameClinician },
    'clinician.deactivate': { changes: roster, run: deactivateClinician },
    'clinician.reactivate': { changes: roster, run: reactivateClinician },
    // A preview writes nothing, so it tells no window to refresh.
    'clinician.import': { changes: (input) => (input.apply ? roster : reads), run: importClinicians },
    'rota.get': { changes: reads, run: getRota },
    'rota.setPattern': { changes: ['rota'], run: setPattern },
    'rota.setDay': { changes: ['rota'], run: setDay },
    'contactType.list': { changes: reads, run: listContactTypes },
    'contactType.create': { changes: ['settings'], run: createContactType },
    'contactType.update': { changes: ['settings'], run: updateContactType },
    'contact.record': { changes: ['contacts'], run: recordContact },
    'contact.void': { changes: ['contacts'], run: voidContact },
    'contact.listForDay': { changes: reads, run: listContactsFor },
    'board.today': { changes: reads, run: (ctx) => todayBoard(ctx) },
    'desk.today': {
      changes: reads,
      run: (ctx) => ({
        board: todayBoard(ctx),
        contacts: listContactsFor(ctx, {}),
        redirections: listRedirectionsFor(ctx, {}),
        deferrals: listDeferralsFor(ctx, {}),
      }),
    },
    'directory.list': { changes: reads, run: listDirectory },
    'directory.create': { changes: ['settings'], run: createDirectoryEntry },
    'directory.update': { changes: ['settings'], run: updateDirectoryEntry },
    'redirection.record': { changes: ['redirections'], run: recordRedirection },
    'redirection.void': { changes: ['redirections'], run: voidRedirection },
    'redirection.listForDay': { changes: reads, run: listRedirectionsFor },
    'deferral.record': { changes: ['redirections'], run: recordDeferral },
    'deferral.void': { changes: ['redirections'], run: voidDeferral },
    'deferral.listForDay': { changes: reads, run: listDeferralsFor },
    'report.day': { changes: reads, run: dayReport },
    'report.range': { changes: reads, run: rangeReport },
    'report.gpas': { changes: reads, run: gpasReport },
    'network.status': { changes: reads, run: networkStatus },
    'network.create': { changes: network, run: createNetwork },
    'network.join': { changes: network, run: joinNetwork },
    'network.joinCode': { changes: reads, run: networkJoinCode },
    'network.leave': { changes: network, run: leaveNetwork },
    'network.remove': { changes: network, run: removeFromNetwork },
    'network.configure': { changes: network, run: configureNetwork },
    'gpas.assess': { changes: ['reports'], run: assessGpas },
    'action.list': { changes: reads, run: (ctx) => listActions(ctx) },
    'action.create': { changes: ['reports'], run: createAction },
    'action.update': { changes: ['reports'], run: updateAction },
    'export.build': { changes: reads, run: buildExport },
    'export.endOfDayStatus': { changes: reads, run: (ctx) => endOfDayStatus(ctx) },
    'export.configureEndOfDay': { changes: ['device'], run: configureEndOfDay },
    // Runs every minute by itself: it tells no window to refresh (the manager's screen asks for the status).
    'export.runEndOfDay': { changes: reads, run: (ctx) => runEndOfDay(ctx) },
    'backup.status': { changes: reads, run: (ctx) => backupStatus(ctx, databaseFile) },
    'backup.now': {
      changes: ['device'],
      run: async (ctx) => {
        await backUp(ctx, databaseFile, 'by-hand');
        return backupStatus(ctx, databaseFile);
      },
    },
    'backup.configure': { changes: ['device'], run: (ctx, input) => configureBackups(ctx, databaseFile, input) },
    // A file in the data folder, not the database: the page that asked re-reads the answer; no other window shows it.
    'backup.restore': { changes: reads, run: (ctx, input) => requestBackupRestore(ctx, databaseFile, input) },
    'backup.cancelRestore': { changes: reads, run: (ctx) => cancelBackupRestore(ctx, databaseFile) },
    'staff.list': { changes: reads, run: listStaff },
    'staff.add': { changes: staffTopics, run: addStaff },
    'staff.update': { changes: staffTopics, run: updateStaff },
    'staff.setPin': { changes: staffTopics, run: setStaffPin },
    'staff.unlock': { changes: staffTopics, run: unlockStaff },
    'session.get': { changes: reads, run: (ctx) => sessionInfo(ctx) },
    'session.signIn': { changes: ['session'], run: signIn },
    'session.signOut': { changes: ['session'], run: (ctx) => signOut(ctx) },
    // Only the idle time starts again: no window need refresh.
    'audit.list': { changes: reads, run: readAudit },
    'audit.csv': { changes: reads, run: auditCsv },
    'session.touch': { changes: reads, run: (ctx) => touchSession(ctx) },
    'identifiers.summary': { changes: reads, run: (ctx) => identifierSummary(ctx) },
    'identifiers.find': { changes: reads, run: findIdentifiers },
    'identifiers.erase': { changes: ['redirections', 'reports'], run: eraseOnRequest },
  } satisfies Handlers;
}
