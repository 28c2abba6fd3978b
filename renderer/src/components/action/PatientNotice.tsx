import { CONTACT_LIMIT_ACTION_ID, NOTICE_LIMIT, type CollectiveAction } from '../../../../shared/actions.ts';
import { SAFETY_NET_ADVICE, type DirectoryEntry } from '../../../../shared/directory.ts';
import { formatLongDate } from '../../format.ts';
import { takenOn } from './actionDates.ts';

/** How to reach a service, in one line: phone, where, when. */
function reach(entry: DirectoryEntry): string[] {
  return [entry.phone && `Phone ${entry.phone}`, entry.address, entry.hours].filter((part) => part !== '');
}

/**
 * The notice for the waiting room and the website: what the practice is doing
 * today, why, where else to get help, and what to do if worse. Printed alone.
 */
export function PatientNotice({
  practiceName,
  why,
  actions,
  directory,
  today,
}: {
  practiceName: string;
  why: string;
  actions: readonly CollectiveAction[];
  directory: readonly DirectoryEntry[];
  today: string;
}) {
  // The notice opens with the limit, so the limit's own action is not said a second time below it.
  const taken = actions.filter((action) => takenOn(action, today) && action.id !== CONTACT_LIMIT_ACTION_ID);
  const services = directory.filter((entry) => entry.active);
  return (
    <article className="notice printable" aria-labelledby="notice-title">
      {practiceName !== '' && <p className="notice-practice">{practiceName}</p>}
      <h3 id="notice-title" className="notice-title">
        Information for our patients
      </h3>
      <p className="notice-date">{formatLongDate(today)}</p>
      <h4>What we are doing</h4>
      {NOTICE_LIMIT.map((line) => (
        <p key={line}>{line}</p>
      ))}
      {taken.length > 0 && (
        <>
          <p>As part of GPs’ collective action, we are also doing the following.</p>
          <ul className="notice-list">
            {taken.map((action) => (
              <li key={action.id}>{action.forPatients.trim() === '' ? action.title : action.forPatients}</li>
            ))}
          </ul>
        </>
      )}
      <h4>Why</h4>
      <p>{why}</p>
      <h4>Where else to get help</h4>
      {services.length === 0 ? (
        <p>Ask at reception.</p>
      ) : (
        <ul className="notice-services">
          {services.map((entry) => (
            <li key={entry.id}>
              <strong>{entry.name}</strong>
              {reach(entry).length > 0 && <span className="notice-reach">{reach(entry).join(' · ')}</span>}
            </li>
          ))}
        </ul>
      )}
      <p className="notice-safety">{SAFETY_NET_ADVICE}</p>
    </article>
  );
}
