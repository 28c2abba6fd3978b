import { useEffect, useState } from 'react';
import type { Clinician, Session } from '../../../../shared/domain.ts';
import { practiceDayOf } from '../../../../shared/practiceDay.ts';
import { DEFAULT_PATTERN, type WeekPattern, type Weekday } from '../../../../shared/rota.ts';
import { useRotaStore } from '../../stores/rotaStore.ts';
import { samePattern } from '../rota/dayChoice.ts';

/**
 * The usual week of each clinician as ticked in the setup: kept here until the
 * step goes on, so a half-made pattern never reaches the board, then saved for
 * the clinicians whose week changed.
 */
export function useWeekDrafts() {
  const patterns = useRotaStore((state) => state.rota?.patterns ?? null);
  const show = useRotaStore((state) => state.show);
  const setPattern = useRotaStore((state) => state.setPattern);
  const [drafts, setDrafts] = useState<Record<string, WeekPattern>>({});

  useEffect(() => {
    const today = practiceDayOf(Date.now());
    void show(today, today);
  }, [show]);

  const savedOf = (clinician: Clinician) => patterns?.[clinician.id] ?? DEFAULT_PATTERN;
  const shownOf = (clinician: Clinician) => drafts[clinician.id] ?? savedOf(clinician);

  function toggle(clinician: Clinician, day: Weekday, session: Session, on: boolean) {
    const shown = shownOf(clinician);
    setDrafts((current) => ({ ...current, [clinician.id]: { ...shown, [day]: { ...shown[day], [session]: on } } }));
  }

  /** Saves the weeks that changed; the first refusal, with the clinician's name, or the number saved. */
  async function save(clinicians: readonly Clinician[]): Promise<{ ok: true; saved: number } | { ok: false; message: string }> {
    const changed = clinicians.filter((clinician) => {
      const draft = drafts[clinician.id];
      return draft !== undefined && !samePattern(draft, savedOf(clinician));
    });
    for (const clinician of changed) {
      const result = await setPattern(clinician.id, shownOf(clinician));
      if (!result.ok) return { ok: false, message: `${clinician.name}: ${result.error.message}` };
    }
    return { ok: true, saved: changed.length };
  }

  return { ready: patterns !== null, shownOf, toggle, save };
}
