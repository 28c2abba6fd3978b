import { useEffect, useState } from 'react';
import { formatHeaderDate, formatTime } from '../format.ts';
import { watchPracticeDay } from '../stores/dayWatcher.ts';
import { connectLiveUpdates, loadEverything } from '../stores/liveUpdates.ts';
import { useDeskStore } from '../stores/deskStore.ts';
import { useSettingsStore } from '../stores/settingsStore.ts';
import { useSetupStore } from '../stores/setupStore.ts';
import { NETWORK_POLL_MS, useSystemStore } from '../stores/systemStore.ts';
import { askBeforeUnload, useUiStore, type Screen } from '../stores/uiStore.ts';
import { ActionScreen } from './action/ActionScreen.tsx';
import { Announcer } from './Announcer.tsx';
import { ScreenContext } from './common/announce.ts';
import { useNow } from './common/useNow.ts';
import { ClinicianView } from './clinician/ClinicianView.tsx';
import { CompactView } from './clinician/CompactView.tsx';
import { ReceptionScreen } from './reception/ReceptionScreen.tsx';
import { LeaveDialog } from './LeaveDialog.tsx';
import { NetworkLine } from './NetworkLine.tsx';
import { ScreensNav } from './ScreensNav.tsx';
import { ReportsScreen } from './reports/ReportsScreen.tsx';
import { CliniciansScreen } from './roster/CliniciansScreen.tsx';
import { RotaScreen } from './rota/RotaScreen.tsx';
import { ServicesScreen } from './services/ServicesScreen.tsx';
import { SettingsScreen } from './settings/SettingsScreen.tsx';
import { SetupScreen } from './setup/SetupScreen.tsx';
import { StaffDialog } from './StaffDialog.tsx';
import { SignInDialog } from './staff/SignInDialog.tsx';
import { useSessionStore } from '../stores/sessionStore.ts';
import '../styles/network.css';

const SCREEN_COMPONENTS: Record<Screen, () => React.JSX.Element | null> = {
  reception: ReceptionScreen,
  clinician: ClinicianView,
  rota: RotaScreen,
  clinicians: CliniciansScreen,
  services: ServicesScreen,
  reports: ReportsScreen,
  action: ActionScreen,
  settings: SettingsScreen,
};

export function App() {
  const screen = useUiStore((state) => state.screen);
  const go = useUiStore((state) => state.go);
  const openSettings = useUiStore((state) => state.openSettings);
  const compact = useUiStore((state) => state.compact);
  const status = useSystemStore((state) => state.status);
  const unreachable = useSystemStore((state) => state.unreachable);
  const device = useSettingsStore((state) => state.device);
  const day = useDeskStore((state) => state.board?.day ?? status?.today ?? null);
  const setupOpen = useSetupStore((state) => state.open);
  const setupChecked = useSetupStore((state) => state.checked);
  const leaveSetup = useSetupStore((state) => state.leave);
  const [changingDesk, setChangingDesk] = useState(false);
  const session = useSessionStore((state) => state.session);
  const askingWho = useSessionStore((state) => state.asking);
  const now = useNow(15_000);

  useEffect(() => {
    loadEverything();
    void useSetupStore.getState().checkFirstRun();
    const disconnect = connectLiveUpdates();
    const stopWatching = watchPracticeDay(
      () => Date.now(),
      () => void useDeskStore.getState().refresh(),
      {
        setTimeout: (run, ms) => window.setTimeout(run, ms),
        clearTimeout: (handle) => window.clearTimeout(handle as number),
        setInterval: (run, ms) => window.setInterval(run, ms),
        clearInterval: (handle) => window.clearInterval(handle as number),
      },
    );
    const stopAsking = askBeforeUnload(window);
    const stopWatchingSessions = watchWhoIsAtTheDesk();
    // A PC going quiet tells nobody: the header and the desk's warnings read the network again now and then.
    const networkPoll = setInterval(() => void useSystemStore.getState().loadNetwork(), NETWORK_POLL_MS);
    return () => {
      clearInterval(networkPoll);
      disconnect();
      stopWatching();
      stopAsking();
      stopWatchingSessions();
    };
  }, []);

  // A practice with named staff asks who is at the desk when ContactCap starts (after the setup, if it is showing).
  const staffNamed = session?.staffNamed === true;
  useEffect(() => {
    if (setupChecked && !setupOpen && session !== null) useSessionStore.getState().askAtStart();
  }, [setupChecked, setupOpen, session]);

  if (compact) return <CompactView />;
  const Current = SCREEN_COMPONENTS[screen];
  // A new install asks who is at the desk inside the setup; the dialog asks only when the setup is not showing.
  const showNetwork = () => void leaveSetup(() => openSettings('network'));
  const needsStaff = device !== null && session !== null && !staffNamed && device.staffName === '' && setupChecked && !setupOpen;

  return (
    <div className={setupOpen ? 'app app-setup' : 'app'}>
      <header className="app-top">
        <div className="app-header">
          <h1 className="brand">ContactCap</h1>
          <div className="today">
            <p className="today-date">
              {day ? formatHeaderDate(day) : ''} <span className="clock">{formatTime(now)}</span>
            </p>
            <NetworkLine now={now} onDetails={showNetwork} place="inline" />
          </div>
          <ScreensNav current={setupOpen ? null : screen} onShow={(name) => void leaveSetup(() => go(name))} />
          {device && staffNamed && (
            <button type="button" className="desk-id" onClick={() => useSessionStore.getState().ask()} aria-keyshortcuts="F8">
              <span className="visually-hidden">At the desk: </span>
              <span className={session.staff ? 'desk-staff' : 'desk-staff desk-nobody'}>{session.staff?.name ?? 'Not signed in'}</span> <span className="desk-pc">{device.deviceName}</span>
              <span className="visually-hidden">, change (F8)</span>
            </button>
          )}
          {device && !staffNamed && (
            <button type="button" className="desk-id" onClick={() => setChangingDesk(true)}>
              <span className="visually-hidden">At the desk: </span>
              <span className="desk-staff">{device.staffName || '—'}</span> <span className="desk-pc">{device.deviceName}</span>
              <span className="visually-hidden">, change</span>
            </button>
          )}
        </div>
        <NetworkLine now={now} onDetails={showNetwork} place="line" />
      </header>
      {unreachable && (
        <p role="alert" className="banner banner-error">
          {unreachable}
        </p>
      )}
      {status?.notices.map((notice, index) => (
        <p key={`${notice.kind}-${notice.file}-${index}`} role="alert" className="banner banner-warning">
          {notice.message}
        </p>
      ))}
      <main className="app-main">
        {setupOpen ? <SetupScreen /> : <ScreenContext value={screen}><Current /></ScreenContext>}
      </main>
      <Announcer />
      <LeaveDialog />
      {askingWho && !setupOpen && <SignInDialog />}
      {(needsStaff || changingDesk) && device && !staffNamed && <StaffDialog device={device} onClose={() => setChangingDesk(false)} required={needsStaff} />}
    </div>
  );
}

/** Who is at the desk: read at start (liveUpdates.ts reads it again when staff or sign-ins change); F8 asks; a desk left idle asks again. */
function watchWhoIsAtTheDesk(): () => void {
  void useSessionStore.getState().load();
  const onKey = (event: KeyboardEvent) => {
    useSessionStore.getState().used(Date.now());
    if (event.key === 'F8' && !event.ctrlKey && !event.altKey && !event.metaKey && useSessionStore.getState().session?.staffNamed) {
      event.preventDefault();
      useSessionStore.getState().ask();
    }
  };
  const onPointer = () => useSessionStore.getState().used(Date.now());
  window.addEventListener('keydown', onKey, true);
  window.addEventListener('pointerdown', onPointer, true);
  const idle = window.setInterval(() => void useSessionStore.getState().checkIdle(Date.now()), 15_000);
  return () => {
    window.removeEventListener('keydown', onKey, true);
    window.removeEventListener('pointerdown', onPointer, true);
    window.clearInterval(idle);
  };
}

