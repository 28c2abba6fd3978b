import { z } from 'zod';
import type { Board, Clinician, Contact, ContactType, Deferral, DeskToday, DeviceSettings, Redirection, SystemStatus } from './domain.ts';
import { CLINICIAN_ROLES } from './domain.ts';
import type { DirectoryEntry } from './directory.ts';
import type { DayOverride, WeekPattern } from './rota.ts';
import { BOARD_ORDERS, type PracticeSettings } from './settings.ts';
import type { CollectiveAction } from './actions.ts';
import type { ClinicianImport } from './clinicianImport.ts';
import type { BackupStatus } from './backups.ts';
import { EXPORT_TABLES, GPAS_STATUSES, type DayReport, type EndOfDayStatus, type ExportFile, type GpasReport, type RangeReport } from './reports.ts';
import type { NetworkStatus } from './network.ts';
import type { SessionInfo, StaffMember } from './staff.ts';
import { AUDIT_KINDS, type AuditTrail } from './audit.ts';
import { ERASURE_REASONS, type ErasureOutcome, type IdentifierRecord, type IdentifierSummary } from './identifiers.ts';
import type { Envelope } from './result.ts';
import * as f from './schemas.ts';

/**
 * The one API contract: method name (domain.verb) → input schema and result type.
 * The core's handlers are typed against it, the renderer's client derives its
 * types from it, and the browser host's HTTP API is this map over POST.
 */

export interface MethodSpec<I extends z.ZodType, R> {
  input: I;
  /** Phantom: carries the result type only. */
  result?: R;
  summary: string;
  /** Answers later (builds a file): the handler returns a promise. */
  async?: true;
}

export const method =
  <I extends z.ZodType>(input: I, summary: string) =>
  <R>(): MethodSpec<I, R> => ({ input, summary });

export const asyncMethod =
  <I extends z.ZodType>(input: I, summary: string) =>
  <R>(): MethodSpec<I, R> & { async: true } => ({ input, summary, async: true });

const none = z.strictObject({}, { error: 'This request takes no details.' });
const includeInactive = z.strictObject({ includeInactive: f.flag('includeInactive').optional() });
const nullable = <T extends z.ZodType>(schema: T) => schema.nullable();

const clinicianFields = {
  initials: f.initials,
  capped: nullable(f.flag('Capped')),
  dailyCap: nullable(f.dailyCap),
  amCap: nullable(f.morningCap),
  pmCap: nullable(f.afternoonCap),
};

const dayOverride = z.strictObject(
  { absent: f.flag('Absent').optional(), am: f.flag('Morning').optional(), pm: f.flag('Afternoon').optional(), cap: f.dateCap.optional(), duty: f.flag('Duty').optional() },
  { error: 'Say what changes on that date: absent, sessions, cap or duty.' },
);

const directoryFields = {
  kind: f.destinationKind,
  name: f.destinationName,
  phone: f.servicePhone,
  address: f.serviceAddress,
  hours: f.serviceHours,
  hint: f.serviceHint,
};

const exportInput = z.strictObject({
  format: z.enum(['csv', 'xlsx'], { error: 'Choose CSV or a spreadsheet (.xlsx).' }),
  table: z.enum(EXPORT_TABLES, { error: 'Choose which table to export.' }).optional(),
  from: f.practiceDay,
  to: f.practiceDay,
  includeIdentifiers: f.flag('Include patient identifiers').optional(),
});

const roleDefaultPatch = z.strictObject({ capped: f.flag('Capped').optional(), dailyCap: f.dailyCap.optional() }, { error: 'Give the role’s cap as capped and a daily cap.' });

/** Which part of the audit trail: dates, and optionally one person (null: nobody signed in) and one kind. */
const auditInput = z.strictObject({
  from: f.practiceDay,
  to: f.practiceDay,
  staffId: nullable(f.entityId('member of staff')).optional(),
  kind: z.enum(AUDIT_KINDS, { error: 'Choose what kind of change to show, or all of them.' }).optional(),
});

/** What every record at the desk may also carry. */
const recordingFields = {
  /** Made by the caller once per thing meant; a retry with it records nothing more and answers as the first time. */
  requestId: f.requestId.optional(),
  /** Required when occurredAt is on an earlier day (a late entry). */
  lateReason: f.lateReason.optional(),
  /** Answer with today's board as well, so the desk needs no second request. */
  withBoard: f.flag('With the board').optional(),
};

/** A record's answer; with withBoard, today's board after it. */
export type Recorded<T> = T & { board?: Board };

export const contract = {
  'system.status': method(none, 'Who and where this install is, and any notice from start-up.')<SystemStatus>(),

  'device.get': method(none, 'This PC’s own settings: its name, who is at the desk, and whose clinician view it shows.')<DeviceSettings>(),
  'device.update': method(
    z.strictObject({ deviceName: f.deviceName.optional(), staffName: f.staffName.optional(), clinicianViewId: nullable(f.entityId('clinician')).optional() }),
    'Change this PC’s own settings.',
  )<DeviceSettings>(),

  'settings.get': method(none, 'The practice’s settings: cap mode, warning level, role defaults and more.')<PracticeSettings>(),
  'settings.update': method(
    z.strictObject({
      practiceName: f.practiceName.optional(),
      capBasis: f.capBasis.optional(),
      capMode: z.enum(['day', 'session'], { error: 'Choose a cap per day or per session.' }).optional(),
      warningPercent: f.warningPercent.optional(),
      sessionSplit: f.clockTime.optional(),
      dayEnd: f.clockTime.optional(),
      boardOrder: z.enum(BOARD_ORDERS, { error: 'Choose how the board is ordered: by surname, by first name or by desk key.' }).optional(),
      lateEntryDays: f.lateEntryDays.optional(),
      defaultContactType: f.typeId.optional(),
      collectNhsNumber: f.flag('Collect NHS numbers').optional(),
      identifierRetentionDays: f.identifierRetentionDays.optional(),
      listSize: nullable(f.listSize).optional(),
      noticeWhy: f.noticeWhy.optional(),
      receptionScript: f.receptionScript.optional(),
      roleDefaults: z
        .partialRecord(z.enum(CLINICIAN_ROLES, { error: 'Choose a role from the list.' }), roleDefaultPatch, {
          error: 'Give role defaults as each role’s cap, for example gp_partner: capped, 25.',
        })
        .optional(),
      setup: f.setupOutcome.optional(),
      idleMinutes: f.idleMinutes.optional(),
      pinAttempts: f.pinAttempts.optional(),
    }),
    'Change practice settings. Only the fields given change.',
  )<PracticeSettings>(),

  'clinician.list': method(includeInactive, 'Clinicians in name order; active ones only unless includeInactive is true.')<Clinician[]>(),
  'clinician.create': method(
    z.strictObject({
      name: f.clinicianName,
      role: f.clinicianRole,
      initials: clinicianFields.initials.optional(),
      capped: clinicianFields.capped.optional(),
      dailyCap: clinicianFields.dailyCap.optional(),
      amCap: clinicianFields.amCap.optional(),
      pmCap: clinicianFields.pmCap.optional(),
      key: f.deskKey.optional(),
    }),
    'Add a clinician. Cap fields left out or null follow the practice’s default for the role (25 for GPs). The desk key defaults to the next free one.',
  )<Clinician>(),
  'clinician.update': method(
    z.strictObject({
      clinicianId: f.entityId('clinician'),
      name: f.clinicianName.optional(),
      role: f.clinicianRole.optional(),
      initials: clinicianFields.initials.optional(),
      capped: clinicianFields.capped.optional(),
      dailyCap: clinicianFields.dailyCap.optional(),
      amCap: clinicianFields.amCap.optional(),
      pmCap: clinicianFields.pmCap.optional(),
      key: f.deskKey.nullable().optional(),
    }),
    'Change a clinician. Only the fields given change; null returns a cap field to the role default, and a key of null frees their desk key.',
  )<Clinician>(),
  'clinician.rename': method(z.strictObject({ clinicianId: f.entityId('clinician'), name: f.clinicianName }), 'Change a clinician’s name.')<Clinician>(),
  'clinician.deactivate': method(z.strictObject({ clinicianId: f.entityId('clinician') }), 'Take a clinician off the board. Their contacts stay.')<Clinician>(),
  'clinician.reactivate': method(z.strictObject({ clinicianId: f.entityId('clinician') }), 'Put a clinician back on the board.')<Clinician>(),
  'clinician.import': method(
    z.strictObject({ csv: f.clinicianCsv, apply: f.flag('Apply') }),
    'Read a CSV file of clinicians (Name, Role, Daily cap, Initials): each row’s preview, or with apply true, add them all at once if every row is right.',
  )<ClinicianImport>(),

  'rota.get': method(
    z.strictObject({ from: f.practiceDay, to: f.practiceDay }),
    'Weekly patterns, and each date’s changes between from and to (at most 62 days).',
  )<{ patterns: Record<string, WeekPattern>; days: { day: string; clinicianId: string; override: DayOverride }[] }>(),
  'rota.setPattern': method(
    z.strictObject({ clinicianId: f.entityId('clinician'), pattern: f.weekPattern }),
    'Set the sessions a clinician works each weekday (morning and afternoon).',
  )<WeekPattern>(),
  'rota.setDay': method(
    z.strictObject({ clinicianId: f.entityId('clinician'), day: f.practiceDay, override: dayOverride.nullable() }),
    'Change one date for one clinician: absent, extra or fewer sessions, a different cap, duty. null clears the change.',
  )<DayOverride | null>(),

  'contactType.list': method(includeInactive, 'Types of contact; the GPAD modes count toward the cap, admin work does not.')<ContactType[]>(),
  'contactType.create': method(
    z.strictObject({ name: f.contactTypeName, counts: f.flag('Counts toward the cap'), key: nullable(f.typeKey).optional() }),
    'Add a practice-defined type of contact.',
  )<ContactType>(),
  'contactType.update': method(
    z.strictObject({
      typeId: f.typeId,
      name: f.contactTypeName.optional(),
      counts: f.flag('Counts toward the cap').optional(),
      key: nullable(f.typeKey).optional(),
      active: f.flag('Active').optional(),
    }),
    'Change a type of contact. Contacts already recorded keep whether they counted.',
  )<ContactType>(),

  'contact.record': method(
    z.strictObject({
      clinicianId: f.entityId('clinician'),
      typeId: f.typeId.optional(),
      occurredAt: f.instant.optional(),
      overCapReason: f.overCapReason.optional(),
      ...recordingFields,
    }),
    'Record one contact. Type defaults to the practice’s usual one, time to now. For a full clinician give overCapReason (urgent over-cap). ' +
      'For an earlier day give occurredAt on that day and lateReason. The same requestId twice records once.',
  )<Recorded<Contact>>(),
  'contact.void': method(
    z.strictObject({ contactId: f.entityId('contact'), reason: f.voidReason }),
    'Void a contact recorded in error, with a reason. The contact stays in the history.',
  )<Contact>(),
  'contact.listForDay': method(
    z.strictObject({ day: f.practiceDay.optional(), clinicianId: f.entityId('clinician').optional() }),
    'Contacts of one practice day (today by default), newest first, voided ones included.',
  )<Contact[]>(),

  'board.today': method(none, 'Every clinician with today’s sessions, cap, used, remaining and state.')<Board>(),
  'desk.today': method(
    none,
    'Everything the reception desk shows, as of one moment: today’s board and today’s contacts, redirections and deferrals (newest first).',
  )<DeskToday>(),

  'directory.list': method(includeInactive, 'Services patients can be redirected to.')<DirectoryEntry[]>(),
  'directory.create': method(
    z.strictObject({
      kind: directoryFields.kind,
      name: directoryFields.name,
      phone: directoryFields.phone.optional(),
      address: directoryFields.address.optional(),
      hours: directoryFields.hours.optional(),
      hint: directoryFields.hint.optional(),
    }),
    'Add a service to the directory.',
  )<DirectoryEntry>(),
  'directory.update': method(
    z.strictObject({
      entryId: f.entityId('service'),
      kind: directoryFields.kind.optional(),
      name: directoryFields.name.optional(),
      phone: directoryFields.phone.optional(),
      address: directoryFields.address.optional(),
      hours: directoryFields.hours.optional(),
      hint: directoryFields.hint.optional(),
      active: f.flag('Active').optional(),
    }),
    'Change a directory entry. Redirections already recorded keep the name they had.',
  )<DirectoryEntry>(),

  'redirection.record': method(
    z.strictObject({
      destinationId: f.entityId('service'),
      reason: f.redirectionReason,
      patientTold: f.patientTold,
      fromClinicianId: f.entityId('clinician').optional(),
      pharmacyFirst: z
        .strictObject(
          { route: f.pharmacyFirstRoute, condition: nullable(f.pharmacyFirstCondition).optional() },
          { error: 'Say whether the patient was referred or signposted to the pharmacy.' },
        )
        .optional(),
      icbInformed: f.flag('ICB informed').optional(),
      note: f.note.optional(),
      nhsNumber: f.nhsNumberText.optional(),
      occurredAt: f.instant.optional(),
      ...recordingFields,
    }),
    'Record that a patient was redirected to another service. Never counts toward a cap. The same requestId twice records once.',
  )<Recorded<{ redirection: Redirection; warnings: string[] }>>(),
  'redirection.void': method(
    z.strictObject({ redirectionId: f.entityId('redirection'), reason: f.voidReason }),
    'Void a redirection recorded in error, with a reason.',
  )<Redirection>(),
  'redirection.listForDay': method(z.strictObject({ day: f.practiceDay.optional() }), 'Redirections of one practice day, newest first.')<Redirection[]>(),

  'deferral.record': method(
    z.strictObject({
      kind: f.deferralKind,
      patientTold: f.patientTold,
      untilDay: f.practiceDay.optional(),
      clinicianId: f.entityId('clinician').optional(),
      note: f.note.optional(),
      occurredAt: f.instant.optional(),
      ...recordingFields,
    }),
    'Record that a patient was kept within the practice for later: a later date or the waiting list. The same requestId twice records once.',
  )<Recorded<Deferral>>(),
  'deferral.void': method(z.strictObject({ deferralId: f.entityId('deferral'), reason: f.voidReason }), 'Void a deferral recorded in error.')<Deferral>(),
  'deferral.listForDay': method(z.strictObject({ day: f.practiceDay.optional() }), 'Deferrals of one practice day, newest first.')<Deferral[]>(),

  'report.day': method(z.strictObject({ day: f.practiceDay }), 'A day’s summary: each clinician’s sessions, cap and contacts, redirections and deferrals.')<DayReport>(),
  'report.range': method(
    z.strictObject({ from: f.practiceDay, to: f.practiceDay }),
    'A week, a month or any range up to 400 days: per clinician, redirections, and day-by-day figures.',
  )<RangeReport>(),
  'report.gpas': method(z.strictObject({ monday: f.practiceDay }), 'The LMC’s weekly GPAS return for a Monday: contacts, list size, per 1,000, assessment.')<GpasReport>(),
  'gpas.assess': method(
    z.strictObject({ monday: f.practiceDay, status: z.enum(GPAS_STATUSES, { error: 'Choose Green, Amber, Red or Black.' }), note: f.gpasComment.optional() }),
    'Save the practice’s Green/Amber/Red/Black assessment and comment for a Monday.',
  )<GpasReport>(),

  'action.list': method(none, 'The collective-action register: the BMA’s list and the practice’s own, with dates.')<CollectiveAction[]>(),
  'action.create': method(
    z.strictObject({
      title: f.actionTitle,
      forPatients: f.forPatients.optional(),
      taking: f.flag('Taking this action').optional(),
      from: f.practiceDay.optional(),
      until: f.practiceDay.optional(),
    }),
    'Add an action to the register.',
  )<CollectiveAction>(),
  'action.update': method(
    z.strictObject({
      actionId: f.entityId('action'),
      title: f.actionTitle.optional(),
      forPatients: f.forPatients.optional(),
      taking: f.flag('Taking this action').optional(),
      from: f.practiceDay.nullable().optional(),
      until: f.practiceDay.nullable().optional(),
    }),
    'Change an action: whether the practice is taking it, from and until when, and what it means for patients.',
  )<CollectiveAction>(),

  'export.build': asyncMethod(exportInput, 'Build an export file: one table as CSV, or every table as an .xlsx workbook. The bytes come back base64.')<ExportFile>(),
  'export.endOfDayStatus': method(none, 'This PC’s end-of-day export: on or off, time, folder, last file written, any error.')<EndOfDayStatus>(),
  'export.configureEndOfDay': method(
    z.strictObject({ enabled: f.flag('End-of-day export'), time: f.clockTime.optional(), folder: f.folderPath.optional() }),
    'Turn this PC’s end-of-day export on or off, and set its time and folder.',
  )<EndOfDayStatus>(),
  'export.runEndOfDay': asyncMethod(none, 'Write any end-of-day files that are due now (it also runs by itself every minute).')<EndOfDayStatus>(),

  'backup.status': method(none, 'This PC’s backups: where they are kept, each one with its date and counts (newest first), and any problem.')<BackupStatus>(),
  'backup.now': asyncMethod(none, 'Make a backup of this PC’s database now, checked before it is kept; answers the backups.')<BackupStatus>(),
  'backup.configure': method(
    z.strictObject({ secondFolder: f.folderPath.optional() }),
    'Set a second folder every backup is also copied to (another disk or a network share); without one, backups stay in this PC’s data folder only.',
  )<BackupStatus>(),

  'backup.restore': asyncMethod(
    z.strictObject({ name: f.backupName }),
    'Restore one of this PC’s backups the next time ContactCap starts, once it passes its check again and is shown to be this practice’s. The database as it is now is kept beside it.',
  )<BackupStatus>(),
  'backup.cancelRestore': method(none, 'Do not restore the backup that was going to be restored at the next start.')<BackupStatus>(),

  'network.status': method(none, 'This PC in the practice network: each other PC, when it was last seen, how far behind this PC is, and any problem.')<NetworkStatus>(),
  'network.create': method(none, 'Make a new practice network with this PC as its first member; answers the join code to type at the other PCs.')<{
    joinCode: string;
    status: NetworkStatus;
  }>(),
  'network.join': method(
    z.strictObject({ code: z.string({ error: 'Type the join code shown on a PC already in the network.' }).max(60, { error: 'A join code has 17 letters and digits.' }) }),
    'Join the practice network whose join code was typed here.',
  )<NetworkStatus>(),
  'network.joinCode': method(none, 'The join code, to read out at another PC (null when this PC is not in a network).')<{ joinCode: string | null }>(),
  'network.leave': method(none, 'This PC stops sharing with the others and forgets the join code. Everything recorded stays.')<NetworkStatus>(),
  'network.remove': method(
    z.strictObject({ deviceId: z.string({ error: 'Choose the PC to remove.' }).regex(/^[0-9a-f]{16,64}$/, { error: 'Choose the PC to remove from the list.' }) }),
    'Take another PC out of the network: its past records stay, nothing new from it is accepted.',
  )<NetworkStatus>(),
  'network.configure': method(
    z.strictObject({
      addresses: z.array(z.string({ error: 'An address is a PC’s name or IP address, then optionally :port.' }).max(260, { error: 'An address is a PC’s name or IP address, then optionally :port.' }), { error: 'Give the addresses as a list.' }).max(50, { error: 'Up to 50 addresses can be typed in.' }).optional(),
      port: z.number({ error: 'The port must be a number from 1024 to 65535.' }).int({ error: 'The port must be a whole number from 1024 to 65535.' }).min(1024, { error: 'The port must be a number from 1024 to 65535.' }).max(65535, { error: 'The port must be a number from 1024 to 65535.' }).optional(),
    }),
    'Set the addresses of PCs to try when discovery is blocked, and the port the practice uses.',
  )<NetworkStatus>(),

  'staff.list': method(includeInactive, 'The practice’s named staff with their roles (never a PIN); active ones only unless includeInactive is true.')<StaffMember[]>(),
  'staff.add': asyncMethod(
    z.strictObject({ name: f.staffMemberName, role: f.staffRole, pin: f.pin }),
    'Name a member of staff with a role and a PIN (a manager or administrator; only an administrator names another). The practice’s first is its administrator, named by the setup.',
  )<StaffMember>(),
  'staff.update': method(
    z.strictObject({ staffId: f.entityId('member of staff'), name: f.staffMemberName.optional(), role: f.staffRole.optional(), active: f.flag('Active').optional() }),
    'Change a member of staff’s name or role, or take them off (active false) or back. The last active administrator stays.',
  )<StaffMember>(),
  'staff.setPin': asyncMethod(
    z.strictObject({ staffId: f.entityId('member of staff'), pin: f.pin, currentPin: f.pin.optional() }),
    'Set a new PIN: your own with your current PIN, or anyone’s as a manager or administrator.',
  )<StaffMember>(),
  'staff.unlock': method(z.strictObject({ staffId: f.entityId('member of staff') }), 'Lift a lockout after too many wrong PINs on this PC (a manager or administrator).')<StaffMember>(),

  'session.get': method(none, 'Who is signed in at this PC’s desk, if anyone, and the practice’s idle time.')<SessionInfo>(),
  'session.signIn': asyncMethod(
    z.strictObject({ staffId: f.entityId('member of staff'), pin: f.pin }),
    'Sign in at this PC with a PIN. Wrong PINs are slowed down and, after the practice’s number of tries, locked out.',
  )<SessionInfo>(),
  'session.signOut': method(none, 'Sign out at this PC: records made next say “not signed in” until someone signs in.')<SessionInfo>(),
  'audit.list': method(
    auditInput,
    'Who changed what, when and at which PC, newest first (up to 2,000 rows): caps, rota, clinicians, settings, voids, exports with identifiers, staff, sign-ins and wrong PINs. staffId null: what was done with nobody signed in.',
  )<AuditTrail>(),
  'audit.csv': method(
    auditInput,
    'The same audit trail as a CSV file’s text, for the partners, the LMC or the ICB.',
  )<{ fileName: string; csv: string; rows: number }>(),
  'identifiers.summary': method(none, 'What patient identifiers this PC holds: how many records, the oldest day, and the practice’s retention period.')<IdentifierSummary>(),
  'identifiers.find': method(
    z.strictObject({
      nhsNumber: f.nhsNumberText.optional(),
      text: z.string({ error: 'Type some of the note to look for.' }).trim().max(100, { error: 'Look for at most 100 characters of a note.' }).optional(),
      from: f.practiceDay.optional(),
      to: f.practiceDay.optional(),
    }),
    'Records holding patient identifiers, newest first (up to 500): all of them, or those with this NHS number, or whose note contains this text, between two days.',
  )<IdentifierRecord[]>(),
  'identifiers.erase': method(
    z.strictObject({
      recordIds: z
        .array(f.entityId('record'), { error: 'Choose the records whose identifiers to erase.' })
        .min(1, { error: 'Choose at least one record whose identifiers to erase.' })
        .max(500, { error: 'Erase at most 500 records at a time.' }),
      why: z.enum(ERASURE_REASONS, { error: 'Say why: the patient asked, entered in error, or no longer needed.' }),
    }),
    'Erase the NHS number and note of these records on every PC of the practice: their keys are deleted, so nothing of them can be read again. Counts are untouched.',
  )<ErasureOutcome>(),
  'session.touch': method(none, 'Someone is using the desk: the idle time starts again. Answers who is signed in, if anyone is still.')<SessionInfo>(),
} as const;

/** Any map of method specs: the core's contract, or a shell's own methods (shared/desktopMethods.ts). */
export type MethodSpecs = Record<string, MethodSpec<z.ZodType, unknown>>;
/** What a caller sends to method M of a map of specs. */
export type SpecInputOf<C extends MethodSpecs, M extends keyof C> = z.input<C[M]['input']>;
/** What its handler receives after validation and defaults. */
export type SpecParsedInputOf<C extends MethodSpecs, M extends keyof C> = z.output<C[M]['input']>;
export type SpecResultOf<C extends MethodSpecs, M extends keyof C> = Required<C[M]>['result'];

export type Contract = typeof contract;
export type MethodName = keyof Contract;
/** What a caller sends. */
export type InputOf<M extends MethodName> = SpecInputOf<Contract, M>;
/** What a handler receives after validation and defaults. */
export type ParsedInputOf<M extends MethodName> = SpecParsedInputOf<Contract, M>;
export type ResultOf<M extends MethodName> = SpecResultOf<Contract, M>;
/** Whether the method answers later (its handler returns a promise). */
export type IsAsync<M extends MethodName> = Contract[M] extends { async: true } ? true : false;
/** What calling the method in-process gives back: an envelope, or a promise of one. */
export type AnswerOf<M extends MethodName> = IsAsync<M> extends true ? Promise<Envelope<ResultOf<M>>> : Envelope<ResultOf<M>>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
