import type { ReactNode } from 'react';
import { DESTINATION_KIND_LABELS, REDIRECTION_REASON_LABELS, REDIRECTION_REASONS } from '../../../../shared/directory.ts';
import type { DeferralSummary, RedirectionSummary } from '../../../../shared/reports.ts';
import { plural } from '../../format.ts';

/**
 * Where patients went: diversions to other services by destination and
 * reason, NHS 111 with whether the ICB was told, 999 as escalations, Pharmacy
 * First; and, kept apart, patients kept within the practice for later.
 */
export function RedirectionPanels({
  redirections,
  deferrals,
  idPrefix,
  extra,
}: {
  redirections: RedirectionSummary;
  deferrals: DeferralSummary;
  idPrefix: string;
  /** More about redirections (the range's hours of the day), laid out beside the rest. */
  extra?: ReactNode;
}) {
  const { diversions } = redirections;
  const notTold = redirections.nhs111.total - redirections.nhs111.icbInformed;
  const headingId = `${idPrefix}-redirections-heading`;
  return (
    <div className={`report-redirections${extra ? ' with-extra' : ''}`}>
      <section aria-labelledby={headingId} className="report-section report-destinations">
        <h2 id={headingId}>Redirected to other services</h2>
        <p className="report-lead">
          <strong>{plural(diversions, 'patient')}</strong> redirected
          {redirections.emergencies > 0 && (
            <>
              , plus <strong>{plural(redirections.emergencies, 'emergency escalation')}</strong> (999 / A&amp;E)
            </>
          )}
          .
        </p>
        {redirections.byDestination.length > 0 && (
          <table className="report-table compact-table">
            <caption className="visually-hidden">Redirections by service</caption>
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col" className="num">
                  Patients
                </th>
              </tr>
            </thead>
            <tbody>
              {redirections.byDestination.map((destination) => (
                <tr key={destination.destinationId}>
                  <th scope="row" className="report-who">
                    {destination.name}
                    {destination.kind === 'emergency_999' ? (
                      <span className="who-detail">
                        <strong>Emergency escalation</strong>, not a capacity diversion
                      </span>
                    ) : (
                      destination.name !== DESTINATION_KIND_LABELS[destination.kind] && <span className="who-detail">{DESTINATION_KIND_LABELS[destination.kind]}</span>
                    )}
                  </th>
                  <td className="num">{destination.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby={`${idPrefix}-why-heading`} className="report-section">
        <h2 id={`${idPrefix}-why-heading`}>Why, and where</h2>
        <dl className="report-facts">
          {REDIRECTION_REASONS.map((reason) => (
            <div key={reason}>
              <dt>{REDIRECTION_REASON_LABELS[reason]}</dt>
              <dd>{redirections.byReason[reason]}</dd>
            </div>
          ))}
          <div>
            <dt>NHS 111</dt>
            <dd>
              {redirections.nhs111.total === 0 ? (
                'None'
              ) : (
                <>
                  {redirections.nhs111.total}: ICB informed {redirections.nhs111.icbInformed} of {redirections.nhs111.total}
                  {notTold > 0 && <span className="field-warning report-flag">{notTold} not yet reported to the ICB</span>}
                </>
              )}
            </dd>
          </div>
          <div>
            <dt>Emergencies (999 / A&amp;E)</dt>
            <dd>{redirections.emergencies === 0 ? 'None' : plural(redirections.emergencies, 'escalation')}</dd>
          </div>
          <div>
            <dt>Pharmacy First</dt>
            <dd>
              Referred {redirections.pharmacyFirst.referred} · Signposted {redirections.pharmacyFirst.signposted}
            </dd>
          </div>
        </dl>
      </section>
      {extra}
      <section aria-labelledby={`${idPrefix}-deferrals-heading`} className="report-section">
        <h2 id={`${idPrefix}-deferrals-heading`}>Kept within the practice</h2>
        <p className="field-note">Deferred, not redirected: these patients stay with the practice.</p>
        <dl className="report-facts">
          <div>
            <dt>A later date</dt>
            <dd>{deferrals.laterDate}</dd>
          </div>
          <div>
            <dt>The waiting list</dt>
            <dd>{deferrals.waitingList}</dd>
          </div>
          <div>
            <dt>In all</dt>
            <dd>{deferrals.total}</dd>
          </div>
        </dl>
      </section>
    </div>
  );
}
