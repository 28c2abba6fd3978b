import { useState, type SyntheticEvent } from 'react';
import { splitDailyCap, warningCount } from '../../../../shared/capacity.ts';
import { isClockTime } from '../../../../shared/practiceDay.ts';
import { CLINICIAN_ROLES, MAX_DAILY_CAP, ROLE_LABELS, type CapMode, type ClinicianRole, type RoleDefault } from '../../../../shared/domain.ts';
import type { PracticeSettings } from '../../../../shared/settings.ts';
import type { FormError } from '../../stores/result.ts';
import { invalidIf } from '../common/fields.tsx';
import { describedField, parseWhole, SaveFooter, useSettingsSave, type SettingsPatch } from './sectionSave.tsx';

interface RoleDraft {
  capped?: boolean;
  dailyCap?: string;
}

interface Draft {
  capMode?: CapMode;
  warningPercent?: string;
  sessionSplit?: string;
  roles: Partial<Record<ClinicianRole, RoleDraft>>;
}

const ERROR_ID = 'caps-error';
const EXAMPLE_CAP = 25;

/** The core's message about one role's cap does not say which role: say it. */
function nameTheRole(error: FormError): FormError {
  const role = CLINICIAN_ROLES.find((candidate) => error.field?.startsWith(`roleDefaults.${candidate}`));
  return role ? { ...error, message: `${ROLE_LABELS[role]}: ${error.message}` } : error;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** The morning and afternoon share of a day's cap, as the core splits it (morning first). */
function split(cap: number): string {
  const { am, pm } = splitDailyCap(cap);
  return `${am} + ${pm}`;
}

/** How caps work: per day or per session, when a clinician shows as nearly full, and each role's default. */
export function CapsSection({ settings }: { settings: PracticeSettings }) {
  const [draft, setDraft] = useState<Draft>({ roles: {} });
  const { error, setError, saving, save } = useSettingsSave(nameTheRole);
  const capMode = draft.capMode ?? settings.capMode;
  const warningText = draft.warningPercent ?? String(settings.warningPercent);
  const sessionSplit = draft.sessionSplit ?? settings.sessionSplit;
  const warningValue = parseWhole(warningText);

  const roleValue = (role: ClinicianRole) => {
    const saved = settings.roleDefaults[role];
    const changes = draft.roles[role];
    return { capped: changes?.capped ?? saved.capped, dailyCap: changes?.dailyCap ?? String(saved.dailyCap) };
  };
  const setRole = (role: ClinicianRole, change: RoleDraft) =>
    setDraft((current) => ({ ...current, roles: { ...current.roles, [role]: { ...current.roles[role], ...change } } }));

  /** Each changed role's changed fields; a message when a cap is not a whole number. */
  function roleChanges(): { patch: Partial<Record<ClinicianRole, Partial<RoleDefault>>>; problem: FormError | null } {
    const patch: Partial<Record<ClinicianRole, Partial<RoleDefault>>> = {};
    for (const role of CLINICIAN_ROLES) {
      const saved = settings.roleDefaults[role];
      const value = roleValue(role);
      const cap = parseWhole(value.dailyCap);
      if (cap === null || Number.isNaN(cap)) {
        return {
          patch,
          problem: { message: `${ROLE_LABELS[role]}: enter the daily cap as a whole number, for example 25.`, field: `roleDefaults.${role}.dailyCap` },
        };
      }
      const change: Partial<RoleDefault> = {};
      if (value.capped !== saved.capped) change.capped = value.capped;
      if (cap !== saved.dailyCap) change.dailyCap = cap;
      if (Object.keys(change).length > 0) patch[role] = change;
    }
    return { patch, problem: null };
  }

  const rolesDirty = CLINICIAN_ROLES.some((role) => {
    const value = roleValue(role);
    const saved = settings.roleDefaults[role];
    return value.capped !== saved.capped || value.dailyCap !== String(saved.dailyCap);
  });
  const dirty = capMode !== settings.capMode || warningText !== String(settings.warningPercent) || sessionSplit !== settings.sessionSplit || rolesDirty;

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (warningValue === null || Number.isNaN(warningValue)) {
      setError({ message: 'Enter the warning level as a whole percentage between 50 and 100, for example 85.', field: 'warningPercent' });
      return;
    }
    if (!isClockTime(sessionSplit)) {
      setError({ message: 'Enter the time the afternoon starts, for example 13:00.', field: 'sessionSplit' });
      return;
    }
    const { patch: roles, problem } = roleChanges();
    if (problem) {
      setError(problem);
      return;
    }
    const patch: SettingsPatch = {};
    if (capMode !== settings.capMode) patch.capMode = capMode;
    if (warningValue !== settings.warningPercent) patch.warningPercent = warningValue;
    if (sessionSplit !== settings.sessionSplit) patch.sessionSplit = sessionSplit;
    if (Object.keys(roles).length > 0) patch.roleDefaults = roles;
    if (await save(patch)) setDraft({ roles: {} });
  }

  const warningExample =
    warningValue !== null && !Number.isNaN(warningValue) && warningValue >= 50 && warningValue <= 100
      ? `With a cap of ${EXAMPLE_CAP}, a clinician shows as nearly full from their ${ordinal(warningCount(EXAMPLE_CAP, warningValue))} contact.`
      : 'Between 50% and 100%; 85% is usual.';

  return (
    <section className="panel settings-section" aria-labelledby="caps-heading">
      <h2 id="caps-heading">Caps</h2>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <fieldset className="inline-fieldset" {...invalidIf(error, 'capMode', ERROR_ID)}>
          <legend>How the cap applies</legend>
          <label className="check-inline">
            <input type="radio" name="cap-mode" checked={capMode === 'day'} onChange={() => setDraft({ ...draft, capMode: 'day' })} /> A cap per day
          </label>
          <label className="check-inline">
            <input type="radio" name="cap-mode" checked={capMode === 'session'} onChange={() => setDraft({ ...draft, capMode: 'session' })} /> A cap per session
            (morning and afternoon)
          </label>
          <span className="field-note">Per session, the day’s cap is split morning first ({split(EXAMPLE_CAP)} for 25) unless a clinician has session caps of their own.</span>
        </fieldset>
        <div className="settings-pair">
          <div className="field">
            <label htmlFor="warning-percent">
              Nearly full from<span className="visually-hidden"> (percent of the cap)</span>
            </label>
            <span className="with-unit">
              <input
                id="warning-percent"
                type="number"
                min={50}
                max={100}
                step={1}
                className="input-short"
                value={warningText}
                onChange={(event) => setDraft({ ...draft, warningPercent: event.target.value })}
                {...describedField(error, 'warningPercent', ERROR_ID, 'warning-note')}
              />
              <span aria-hidden="true">%</span>
            </span>
            <span id="warning-note" className="field-note">
              {warningExample}
            </span>
          </div>
          <div className="field">
            <label htmlFor="session-split">Afternoon starts at</label>
            <input
              id="session-split"
              type="time"
              className="input-time"
              value={sessionSplit}
              onChange={(event) => setDraft({ ...draft, sessionSplit: event.target.value.slice(0, 5) })}
              {...describedField(error, 'sessionSplit', ERROR_ID, 'split-note')}
            />
            <span id="split-note" className="field-note">
              Contacts from this time count toward the afternoon.
            </span>
          </div>
        </div>
        <h3 id="role-caps-heading" className="role-caps-heading">
          Default cap for each role
        </h3>
        <p id="role-caps-note" className="field-note">
          A clinician’s own cap, set on the Clinicians screen, and a date’s cap on the rota, come first.
        </p>
        <table className="plain-table role-table" aria-labelledby="role-caps-heading" aria-describedby="role-caps-note">
          <thead>
            <tr>
              <th scope="col">Role</th>
              <th scope="col">Capped</th>
              <th scope="col">Daily cap</th>
              {capMode === 'session' && <th scope="col">Morning + afternoon</th>}
            </tr>
          </thead>
          <tbody>
            {CLINICIAN_ROLES.map((role) => {
              const value = roleValue(role);
              const cap = parseWhole(value.dailyCap);
              return (
                <tr key={role}>
                  <th scope="row">{ROLE_LABELS[role]}</th>
                  <td>
                    <label className="check-inline">
                      <input type="checkbox" checked={value.capped} onChange={(event) => setRole(role, { capped: event.target.checked })} {...invalidIf(error, `roleDefaults.${role}.capped`, ERROR_ID)} />
                      <span className="visually-hidden">Capped: {ROLE_LABELS[role]}</span>
                      <span aria-hidden="true">{value.capped ? 'Yes' : 'No'}</span>
                    </label>
                  </td>
                  <td>
                    <input
                      type="number"
                      min={0}
                      max={MAX_DAILY_CAP}
                      step={1}
                      className="input-short"
                      aria-label={`Daily cap: ${ROLE_LABELS[role]}`}
                      value={value.dailyCap}
                      onChange={(event) => setRole(role, { dailyCap: event.target.value })}
                      {...invalidIf(error, `roleDefaults.${role}.dailyCap`, ERROR_ID)}
                    />
                    {!value.capped && <span className="muted not-capped-note"> not applied</span>}
                  </td>
                  {capMode === 'session' && <td>{value.capped && cap !== null && !Number.isNaN(cap) ? split(cap) : '—'}</td>}
                </tr>
              );
            })}
          </tbody>
        </table>
        <SaveFooter error={error} errorId={ERROR_ID} dirty={dirty} busy={saving} label="Save caps" />
      </form>
    </section>
  );
}
