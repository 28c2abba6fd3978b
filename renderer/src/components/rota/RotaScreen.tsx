import { useMemo } from 'react';
import { useRosterStore } from '../../stores/rosterStore.ts';
import { DayByDay } from './DayByDay.tsx';
import { WeeklyPattern } from './WeeklyPattern.tsx';

/** The rota: changes for one date at a time, and each clinician's usual week. */
export function RotaScreen() {
  const clinicians = useRosterStore((state) => state.clinicians);
  const active = useMemo(() => clinicians.filter((clinician) => clinician.active), [clinicians]);
  return (
    <div className="rota">
      <DayByDay clinicians={active} />
      <WeeklyPattern clinicians={active} />
    </div>
  );
}
