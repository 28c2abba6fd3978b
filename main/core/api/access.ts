import type { MethodName, ParsedInputOf } from '../../../shared/contract.ts';
import { fail, type Envelope } from '../../../shared/result.ts';
import { roleMeets, STAFF_ROLE_LABELS, type Need } from '../../../shared/staff.ts';
import type { CoreContext } from '../context.ts';
import { signedIn, staffNamed } from '../services/staff.ts';

/**
 * (design) Who may call each method, enforced here for every shell (issue 10
 * §1). Recording a patient needs nobody signed in: an urgent contact is never
 * blocked by sign-in, and a routine one that could not be recorded would go
 * uncounted, which is no safer. Such records say "not signed in". Until the
 * practice names its first member of staff nothing is asked of anyone.
 */
interface Access<M extends MethodName> {
  need: Need | ((input: ParsedInputOf<M>) => Need);
  /** What the method does, to finish "Only a practice manager or administrator can …". */
  what: string;
}

const open = (what: string) => ({ need: 'anyone' as const, what });
const staff = (what: string) => ({ need: 'staff' as const, what });
const managers = (what: string) => ({ need: 'manager' as const, what });

export const ACCESS: { [M in MethodName]: Access<M> } = {
  'system.status': open('see how ContactCap is'),
  'device.get': open('see this PC’s settings'),
  // Naming the PC changes what every record from it says; whose view this PC shows is anyone's choice.
  'device.update': { need: (input) => (input.deviceName !== undefined ? 'manager' : 'anyone'), what: 'rename this PC' },
  'settings.get': open('see the practice’s settings'),
  'settings.update': managers('change the practice’s settings'),
  'clinician.list': open('see the clinicians'),
  'clinician.create': managers('add clinicians'),
  'clinician.update': managers('change clinicians’ caps or keys'),
  'clinician.rename': managers('rename clinicians'),
  'clinician.deactivate': managers('take clinicians off the board'),
  'clinician.reactivate': managers('put clinicians back on the board'),
  'clinician.import': { need: (input) => (input.apply ? 'manager' : 'staff'), what: 'import clinicians' },
  'rota.get': open('see the rota'),
  'rota.setPattern': managers('change the rota'),
  'rota.setDay': managers('change the rota'),
  'contactType.list': open('see the types of contact'),
  'contactType.create': managers('add types of contact'),
  'contactType.update': managers('change types of contact'),
  'contact.record': open('record a contact'),
  'contact.void': staff('void a contact'),
  'contact.listForDay': open('see the day’s contacts'),
  'board.today': open('see the board'),
  'desk.today': open('see the desk'),
  'directory.list': open('see the services'),
  'directory.create': managers('add services'),
  'directory.update': managers('change services'),
  'redirection.record': open('record a redirection'),
  'redirection.void': staff('void a redirection'),
  'redirection.listForDay': open('see the day’s redirections'),
  'deferral.record': open('keep a patient for later'),
  'deferral.void': staff('void a deferral'),
  'deferral.listForDay': open('see the day’s deferrals'),
  'report.day': staff('see reports'),
  'report.range': staff('see reports'),
  'report.gpas': staff('see the GPAS return'),
  'gpas.assess': managers('record the GPAS assessment'),
  'action.list': open('see the collective action'),
  'action.create': managers('add collective action'),
  'action.update': managers('change collective action'),
  'export.build': { need: (input) => (input.includeIdentifiers === true ? 'manager' : 'staff'), what: 'export with patient identifiers' },
  'export.endOfDayStatus': open('see the end-of-day export'),
  'export.configureEndOfDay': managers('set up the end-of-day export'),
  // Runs by itself every minute, signed in or not; it writes no identifiers.
  'export.runEndOfDay': open('write the end-of-day files'),
  'backup.status': open('see the backups'),
  'backup.now': staff('make a backup'),
  'backup.configure': managers('change the backups'),
  'backup.restore': managers('restore a backup'),
  'backup.cancelRestore': managers('cancel a restore'),
  'network.status': open('see the practice network'),
  'network.create': managers('set up the practice network'),
  'network.join': managers('join the practice network'),
  'network.joinCode': managers('see the network’s join code'),
  'network.leave': managers('take this PC out of the practice network'),
  'network.remove': managers('remove a PC from the practice network'),
  'network.configure': managers('change the network’s addresses'),
  // Who may name whom is checked by the service too: only an administrator handles administrators.
  'staff.list': open('see the staff list'),
  'staff.add': managers('name staff'),
  'staff.update': managers('change staff'),
  // Your own PIN with your current one; someone else's as a manager (checked by the service).
  'staff.setPin': staff('set a PIN'),
  'staff.unlock': managers('unlock staff'),
  'session.get': open('see who is signed in'),
  'session.signIn': open('sign in'),
  'session.signOut': open('sign out'),
  'session.touch': open('use the desk'),
  'audit.list': managers('see the audit trail'),
  'audit.csv': managers('export the audit trail'),
  'identifiers.summary': managers('see what patient identifiers are held'),
  'identifiers.find': managers('look up patient identifiers'),
  'identifiers.erase': managers('erase patient identifiers'),
};

/** The first member of staff is named with nobody signed in: the setup's administrator. */
function firstStaff(method: MethodName, ctx: CoreContext): boolean {
  return method === 'staff.add' && !staffNamed(ctx);
}

/** The refusal for a request the person at the desk may not make, or null when they may. */
export function refusal(ctx: CoreContext, method: MethodName, input: unknown): Envelope<never> | null {
  const access: { need: Need | ((input: never) => Need); what: string } = ACCESS[method];
  const need = typeof access.need === 'function' ? (access.need as (input: unknown) => Need)(input) : access.need;
  if (need === 'anyone' || !staffNamed(ctx) || firstStaff(method, ctx)) return null;
  const member = signedIn(ctx);
  const who = need === 'staff' ? 'a member of staff' : need === 'manager' ? 'a practice manager or administrator' : 'an administrator';
  if (member === null) return fail('not_signed_in', `Sign in to ${access.what}: only ${who} can. Press F8 or choose “Not signed in” at the top. Nothing was changed.`);
  if (roleMeets(member.role, need)) return null;
  return fail(
    'not_allowed',
    `Only ${who} can ${access.what}. ${member.name} is signed in here as ${STAFF_ROLE_LABELS[member.role]}: ask a manager to sign in (F8). Nothing was changed.`,
  );
}
