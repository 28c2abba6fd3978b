import { create } from 'zustand';
import type { Envelope } from '../../../shared/result.ts';
import type { SessionInfo, StaffMember, StaffRole } from '../../../shared/staff.ts';
import { api } from '../api/client.ts';
import { coalesce } from './coalesce.ts';

/** How often the screen tells the core that someone is using the desk, at most. */
const TOUCH_EVERY_MS = 30_000;

interface SessionState {
  session: SessionInfo | null;
  /** Active staff, for the sign-in list. */
  staff: StaffMember[];
  /** The "who is at the desk" dialog is showing. */
  asking: boolean;
  load: () => Promise<void>;
  ask: () => void;
  stopAsking: () => void;
  signIn: (staffId: string, pin: string) => Promise<Envelope<SessionInfo>>;
  signOut: () => Promise<void>;
  /** A key or a click at the desk: the idle time starts again (told to the core now and then). */
  used: (now: number) => void;
  /** Every few seconds: a desk left idle for the practice's time asks again who is there. */
  checkIdle: (now: number) => Promise<void>;
  /** Once, when ContactCap starts and the setup is not showing: a practice with staff asks who is at the desk. */
  askAtStart: () => void;
  /** Everyone, taken-off staff included, for Settings → Staff. */
  everyone: StaffMember[] | null;
  loadEveryone: () => Promise<void>;
  addStaff: (input: { name: string; role: StaffRole; pin: string }) => Promise<Envelope<StaffMember>>;
  updateStaff: (input: { staffId: string; role?: StaffRole; active?: boolean }) => Promise<Envelope<StaffMember>>;
  setPin: (staffId: string, pin: string) => Promise<Envelope<StaffMember>>;
  unlock: (staffId: string) => Promise<Envelope<StaffMember>>;
}

export const useSessionStore = create<SessionState>()((set, get) => {
  let lastUsed = Date.now();
  let lastTold = 0;
  let askedAtStart = false;
  const loadEveryone = coalesce(async () => {
    const result = await api().call('staff.list', { includeInactive: true });
    if (result.ok) set({ everyone: result.value });
  });
  const load = coalesce(async () => {
    const [session, staff] = await Promise.all([api().call('session.get', {}), api().call('staff.list', {})]);
    if (session.ok) set({ session: session.value });
    if (staff.ok) set({ staff: staff.value });
    if (get().everyone !== null) await loadEveryone();
  });
  /** A change to staff: everything shown of them is read again. */
  const changed = async <T>(result: Envelope<T>): Promise<Envelope<T>> => {
    await load();
    await loadEveryone();
    return result;
  };
  return {
    session: null,
    staff: [],
    asking: false,
    load,
    ask: () => {
      void load();
      set({ asking: true });
    },
    stopAsking: () => set({ asking: false }),
    async signIn(staffId, pin) {
      const result = await api().call('session.signIn', { staffId, pin });
      if (result.ok) {
        lastUsed = Date.now();
        set({ session: result.value, asking: false });
      } else void load();
      return result;
    },
    async signOut() {
      const result = await api().call('session.signOut', {});
      if (result.ok) set({ session: result.value });
    },
    used(now) {
      lastUsed = now;
      const signedIn = get().session?.staff != null;
      if (signedIn && now - lastTold > TOUCH_EVERY_MS) {
        lastTold = now;
        void api().call('session.touch', {});
      }
    },
    askAtStart() {
      if (askedAtStart) return;
      askedAtStart = true;
      const session = get().session;
      if (session?.staffNamed && session.staff === null) get().ask();
    },
    everyone: null,
    loadEveryone,
    addStaff: async (input) => changed(await api().call('staff.add', input)),
    updateStaff: async (input) => changed(await api().call('staff.update', input)),
    setPin: async (staffId, pin) => changed(await api().call('staff.setPin', { staffId, pin })),
    unlock: async (staffId) => changed(await api().call('staff.unlock', { staffId })),
    async checkIdle(now) {
      const session = get().session;
      if (!session?.staff) return;
      if (now - lastUsed < session.idleMinutes * 60_000) return;
      // The core signs the desk out on its own clock; asking it is what makes it so.
      const result = await api().call('session.get', {});
      if (!result.ok) return;
      set({ session: result.value });
      if (result.value.staff === null) set({ asking: true });
    },
  };
});
