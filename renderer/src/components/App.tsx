import { useEffect, useState } from 'react';
import { connectLiveUpdates } from '../stores/liveUpdates.ts';
import { useRosterStore } from '../stores/rosterStore.ts';
import { useSystemStore } from '../stores/systemStore.ts';
import { useTodayStore } from '../stores/todayStore.ts';
import { Announcer } from './Announcer.tsx';
import { RosterScreen } from './RosterScreen.tsx';
import { TodayScreen } from './TodayScreen.tsx';
import { formatLongDate } from '../format.ts';

type Screen = 'today' | 'roster';

export function App() {
  const [screen, setScreen] = useState<Screen>('today');
  const status = useSystemStore((state) => state.status);
  const unreachable = useSystemStore((state) => state.unreachable);
  const day = useTodayStore((state) => state.board?.day ?? status?.today ?? null);

  useEffect(() => {
    void useSystemStore.getState().load();
    void useTodayStore.getState().refresh();
    void useRosterStore.getState().refresh();
    return connectLiveUpdates();
  }, []);

  return (
    <div className="app">
      <header className="app-header">
        <h1 className="brand">ContactCap</h1>
        {day && <p className="today-date">{formatLongDate(day)}</p>}
        <nav aria-label="Screens" className="screens">
          <button type="button" aria-current={screen === 'today' ? 'page' : undefined} onClick={() => setScreen('today')}>
            Today
          </button>
          <button type="button" aria-current={screen === 'roster' ? 'page' : undefined} onClick={() => setScreen('roster')}>
            Clinicians
          </button>
        </nav>
      </header>
      {unreachable && (
        <p role="alert" className="banner banner-error">
          {unreachable}
        </p>
      )}
      {status?.notices.map((notice) => (
        <p key={notice.file} role="alert" className="banner banner-warning">
          {notice.message}
        </p>
      ))}
      <main className="app-main">{screen === 'today' ? <TodayScreen onManageClinicians={() => setScreen('roster')} /> : <RosterScreen />}</main>
      <Announcer />
    </div>
  );
}
