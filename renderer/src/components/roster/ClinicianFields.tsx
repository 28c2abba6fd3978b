import { useId, type ChangeEvent, type ReactNode, type Ref } from 'react';
import { splitDailyCap } from '../../../../shared/capacity.ts';
import { CLINICIAN_ROLES, DEFAULT_DAILY_CAP, MAX_DAILY_CAP, ROLE_LABELS, type Clinician, type ClinicianRole } from '../../../../shared/domain.ts';
import { deskKeyProblem, nextFreeKey, parseDeskKey, spokenKey } from '../../../../shared/deskKeys.ts';
import { deriveInitials } from '../../../../shared/text.ts';
import { useRosterStore } from '../../stores/rosterStore.ts';
import type { FormError } from '../../stores/result.ts';
import { useSettingsStore } from '../../stores/settingsStore.ts';
import { invalidIf } from '../common/fields.tsx';
import { parseWhole } from '../settings/sectionSave.tsx';
import type { RoleDefaults } from './clinicianText.ts';

export type CapChoice = 'default' | 'capped' | 'not_capped';

/** The form as typed: numbers stay text until sent, so that blank can mean "the role default". */
export interface ClinicianDraft {
  name: string;
  initials: string;
  role: ClinicianRole | '';
  capChoice: CapChoice;
  dailyCap: string;
  amCap: string;
  pmCap: string;
  /** The desk key as typed: "3", "q", "Shift+Q"; blank for the next free one (adding) or none (editing). */
  key: string;
}

export const EMPTY_DRAFT: ClinicianDraft = { name: '', initials: '', role: '', capChoice: 'default', dailyCap: '', amCap: '', pmCap: '', key: '' };

export function draftOf(clinician: Clinician): ClinicianDraft {
  return {
    name: clinician.name,
    initials: clinician.initials,
    role: clinician.role,
    capChoice: clinician.capped === null ? 'default' : clinician.capped ? 'capped' : 'not_capped',
    dailyCap: clinician.dailyCap === null ? '' : String(clinician.dailyCap),
    amCap: clinician.amCap === null ? '' : String(clinician.amCap),
    pmCap: clinician.pmCap === null ? '' : String(clinician.pmCap),
    key: clinician.key === null ? '' : spokenKey(clinician.key),
  };
}

export interface ClinicianFieldValues {
  name: string;
  role: ClinicianRole;
  initials?: string;
  capped: boolean | null;
  dailyCap: number | null;
  amCap: number | null;
  pmCap: number | null;
  /** Left out when adding with a blank key: the core gives the next free one. */
  key?: string | null;
}

const CAP_FIELDS = [
  { key: 'dailyCap', what: 'the daily cap', example: 25 },
  { key: 'amCap', what: 'the morning cap', example: 13 },
  { key: 'pmCap', what: 'the afternoon cap', example: 12 },
] as const;

/**
 * What to send. Blank caps are null (follow the role default). Blank initials are
 * left out when adding (the core derives them) and derived here when editing.
 * Only what the core cannot see is checked here: a role not yet chosen, or a cap
 * the number box could not read.
 */
export function valuesOf(draft: ClinicianDraft, editing: boolean): { ok: true; values: ClinicianFieldValues } | { ok: false; error: FormError } {
  if (draft.role === '') return { ok: false, error: { message: 'Choose the clinician’s role from the list.', field: 'role' } };
  const caps: Record<(typeof CAP_FIELDS)[number]['key'], number | null> = { dailyCap: null, amCap: null, pmCap: null };
  for (const { key, what, example } of CAP_FIELDS) {
    const value = parseWhole(draft[key]);
    if (value !== null && Number.isNaN(value)) return { ok: false, error: { message: `Enter ${what} as a whole number, for example ${example}.`, field: key } };
    caps[key] = value;
  }
  const initials = draft.initials.trim();
  const typedKey = draft.key.trim();
  const key = typedKey === '' ? null : parseDeskKey(typedKey);
  const keyProblem = typedKey === '' ? null : deskKeyProblem(typedKey);
  if (keyProblem !== null) return { ok: false, error: { message: keyProblem, field: 'key' } };
  return {
    ok: true,
    values: {
      name: draft.name,
      role: draft.role,
      ...(initials !== '' ? { initials } : editing ? { initials: deriveInitials(draft.name) } : {}),
      capped: draft.capChoice === 'default' ? null : draft.capChoice === 'capped',
      ...caps,
      ...(key !== null ? { key } : editing ? { key: null } : {}),
    },
  };
}

function describedBy(...ids: Array<string | undefined>): string | undefined {
  const joined = ids.filter((id) => id !== undefined).join(' ');
  return joined === '' ? undefined : joined;
}

/** Name, initials, role and caps: the same fields for adding a clinician and for editing one. */
export function ClinicianFields({
  draft,
  onChange,
  error,
  errorId,
  defaults,
  nameRef,
  autoFocus = false,
  editing = false,
  submit,
}: {
  draft: ClinicianDraft;
  onChange: (patch: Partial<ClinicianDraft>) => void;
  error: FormError | null;
  errorId: string;
  defaults: RoleDefaults;
  nameRef?: Ref<HTMLInputElement>;
  autoFocus?: boolean;
  editing?: boolean;
  /** Shown at the end of the caps row (the add form's button). */
  submit?: ReactNode;
}) {
  const id = useId();
  const nextKey = useRosterStore((state) => nextFreeKey(state.clinicians.filter((clinician) => clinician.active).map((clinician) => clinician.key)));
  const keyHint = `${id}-key-hint`;
  const capMode = useSettingsStore((state) => state.settings?.capMode ?? 'day');
  const roleDefault = draft.role === '' ? null : defaults[draft.role];
  const typedDaily = Number(draft.dailyCap.trim());
  const daily = draft.dailyCap.trim() !== '' && Number.isInteger(typedDaily) ? typedDaily : (roleDefault?.dailyCap ?? DEFAULT_DAILY_CAP);
  const split = splitDailyCap(daily);
  const dailyHint = `${id}-daily-hint`;
  const sessionHint = `${id}-session-hint`;
  const initialsHint = `${id}-initials-hint`;
  const number = (field: 'dailyCap' | 'amCap' | 'pmCap', hint: string) => {
    const invalid = invalidIf(error, field, errorId);
    return {
      type: 'number',
      inputMode: 'numeric' as const,
      min: 0,
      max: MAX_DAILY_CAP,
      step: 1,
      value: draft[field],
      onChange: (event: ChangeEvent<HTMLInputElement>) => onChange({ [field]: event.target.value }),
      'aria-invalid': invalid['aria-invalid'],
      'aria-describedby': describedBy(invalid['aria-describedby'], hint),
    };
  };

  return (
    <>
      <div className="inline-form roster-row">
        <label className="field roster-name">
          Name
          <input
            ref={nameRef}
            data-autofocus={autoFocus ? '' : undefined}
            autoComplete="off"
            value={draft.name}
            onChange={(event) => onChange({ name: event.target.value })}
            {...invalidIf(error, 'name', errorId)}
          />
        </label>
        <div className="field roster-initials">
          <label htmlFor={`${id}-initials`}>Initials (optional)</label>
          <input
            id={`${id}-initials`}
            autoComplete="off"
            maxLength={4}
            value={draft.initials}
            onChange={(event) => onChange({ initials: event.target.value })}
            aria-invalid={invalidIf(error, 'initials', errorId)['aria-invalid']}
            aria-describedby={describedBy(invalidIf(error, 'initials', errorId)['aria-describedby'], initialsHint)}
          />
          <span id={initialsHint} className="field-hint">
            {draft.name.trim() === '' ? 'Blank: from the name' : `Blank: ${deriveInitials(draft.name)}`}
          </span>
        </div>
        <div className="field roster-key">
          <label htmlFor={`${id}-key`}>Desk key{editing ? '' : ' (optional)'}</label>
          <input
            id={`${id}-key`}
            autoComplete="off"
            maxLength={8}
            value={draft.key}
            onChange={(event) => onChange({ key: event.target.value })}
            aria-invalid={invalidIf(error, 'key', errorId)['aria-invalid']}
            aria-describedby={describedBy(invalidIf(error, 'key', errorId)['aria-describedby'], keyHint)}
          />
          <span id={keyHint} className="field-hint">
            {editing ? 'Blank: no key' : `Blank: the next free one${nextKey ? ` (${spokenKey(nextKey)})` : ''}`}
          </span>
        </div>
        <label className="field">
          Role
          <select value={draft.role} onChange={(event) => onChange({ role: event.target.value as ClinicianRole | '' })} {...invalidIf(error, 'role', errorId)}>
            {(!editing || draft.role === '') && <option value="">Choose a role…</option>}
            {CLINICIAN_ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </label>
        <label className="field roster-cap-choice">
          Cap
          <select value={draft.capChoice} onChange={(event) => onChange({ capChoice: event.target.value as CapChoice })} {...invalidIf(error, 'capped', errorId)}>
            <option value="default">
              Follow the role default{roleDefault ? ` (${roleDefault.dailyCap}, ${roleDefault.capped ? 'capped' : 'not capped'})` : ''}
            </option>
            <option value="capped">Capped</option>
            <option value="not_capped">Not capped</option>
          </select>
        </label>
        <div className="field roster-cap">
          <label htmlFor={`${id}-daily`}>Daily cap</label>
          <input id={`${id}-daily`} {...number('dailyCap', dailyHint)} />
          <span id={dailyHint} className="field-hint">
            Blank: role default{roleDefault ? ` (${roleDefault.dailyCap})` : ''}
          </span>
        </div>
      </div>
      <div className="inline-form roster-row">
        <fieldset className="roster-sessions">
          <legend>Session caps (optional)</legend>
          <div className="roster-session-fields">
            <div className="field roster-cap">
              <label htmlFor={`${id}-am`}>Morning cap</label>
              <input id={`${id}-am`} {...number('amCap', sessionHint)} />
            </div>
            <div className="field roster-cap">
              <label htmlFor={`${id}-pm`}>Afternoon cap</label>
              <input id={`${id}-pm`} {...number('pmCap', sessionHint)} />
            </div>
            <p id={sessionHint} className="field-hint roster-session-hint">
              Must add up to the daily cap; leave both blank to split automatically, e.g. {split.am} + {split.pm}.{capMode === 'day' && ' They only apply when Settings cap per session.'}
            </p>
          </div>
        </fieldset>
        {submit}
      </div>
    </>
  );
}
