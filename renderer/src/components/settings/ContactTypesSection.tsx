import { useRef, useState, type SyntheticEvent } from 'react';
import { RESERVED_TYPE_KEYS } from '../../../../shared/contactTypes.ts';
import type { ContactType } from '../../../../shared/domain.ts';
import type { PracticeSettings } from '../../../../shared/settings.ts';
import { useAnnounce } from '../common/announce.ts';
import { useCatalogueStore } from '../../stores/catalogueStore.ts';
import type { FormError } from '../../stores/result.ts';
import { ErrorMessage, invalidIf } from '../common/fields.tsx';
import { describedField, Unsaved, useOneAtATime, useSettingsSave } from './sectionSave.tsx';

interface RowDraft {
  counts?: boolean;
  key?: string;
}

/** Which part of the section a message is about: one row, the add form, or the usual type. */
type Where = { row: string } | 'add' | 'usual';

const ROW_ERROR_ID = 'types-row-error';
const ADD_ERROR_ID = 'types-add-error';
const USUAL_ERROR_ID = 'types-usual-error';
const RESERVED = RESERVED_TYPE_KEYS.join(', ').replace(/, (?=[^,]*$)/, ' and ');

/** A shortcut as typed: one letter, upper case; blank means none. */
const tidyKey = (text: string) => text.trim().toUpperCase();

/** Types of contact: which count toward the cap, their desk letters, and the desk's usual type. */
export function ContactTypesSection({ settings }: { settings: PracticeSettings }) {
  const types = useCatalogueStore((state) => state.contactTypes);
  const createContactType = useCatalogueStore((state) => state.createContactType);
  const updateContactType = useCatalogueStore((state) => state.updateContactType);
  const announce = useAnnounce();
  const [drafts, setDrafts] = useState<Record<string, RowDraft>>({});
  const [problem, setProblem] = useState<{ where: Where; error: FormError } | null>(null);
  const { busy, run } = useOneAtATime();
  const [newName, setNewName] = useState('');
  const [newCounts, setNewCounts] = useState(true);
  const [newKey, setNewKey] = useState('');
  const [usualDraft, setUsualDraft] = useState<string | null>(null);
  const usualSave = useSettingsSave();
  const table = useRef<HTMLTableElement>(null);
  const nameBox = useRef<HTMLInputElement>(null);

  const errorFor = (where: Where): FormError | null => {
    if (!problem) return null;
    if (typeof where === 'string' || typeof problem.where === 'string') return problem.where === where ? problem.error : null;
    return problem.where.row === where.row ? problem.error : null;
  };
  const rowProblem = problem && typeof problem.where !== 'string' ? problem.error : null;

  const valueOf = (type: ContactType) => ({ counts: drafts[type.id]?.counts ?? type.counts, key: drafts[type.id]?.key ?? type.key ?? '' });
  const isDirty = (type: ContactType) => {
    const value = valueOf(type);
    return value.counts !== type.counts || tidyKey(value.key) !== (type.key ?? '');
  };
  const setRow = (typeId: string, change: RowDraft) => setDrafts((current) => ({ ...current, [typeId]: { ...current[typeId], ...change } }));
  const clearRow = (typeId: string) =>
    setDrafts((current) => Object.fromEntries(Object.entries(current).filter(([id]) => id !== typeId)));

  async function saveRow(type: ContactType) {
    const value = valueOf(type);
    const key = tidyKey(value.key);
    const result = await run(() =>
      updateContactType({
        typeId: type.id,
        ...(value.counts === type.counts ? {} : { counts: value.counts }),
        ...(key === (type.key ?? '') ? {} : { key: key === '' ? null : key }),
      }),
    );
    if (!result) return;
    if (!result.ok) {
      setProblem({ where: { row: type.id }, error: { ...result.error, message: `${type.name}: ${result.error.message}` } });
      return;
    }
    setProblem(null);
    clearRow(type.id);
    announce(`Saved ${type.name}.`);
    // The Save button goes once the row is saved: keep the focus in the row.
    table.current?.querySelector<HTMLButtonElement>(`button[data-type-toggle="${type.id}"]`)?.focus();
  }

  async function setActive(type: ContactType, active: boolean) {
    if (!active && types.filter((candidate) => candidate.active).length <= 1) {
      setProblem({ where: { row: type.id }, error: { message: 'Keep at least one type of contact in use, or the desk cannot record contacts.' } });
      return;
    }
    // Sending the name and letter back has the core check they are still free before the type returns.
    const result = await run(() => updateContactType(active ? { typeId: type.id, active, name: type.name, key: type.key } : { typeId: type.id, active }));
    if (!result) return;
    if (!result.ok) {
      setProblem({ where: { row: type.id }, error: { ...result.error, message: `${type.name}: ${result.error.message}` } });
      return;
    }
    setProblem(null);
    const wasUsual = !active && settings.defaultContactType === type.id;
    announce(
      active
        ? `${type.name} is in use again.`
        : `${type.name} is no longer offered at the desk.${wasUsual ? ' It was the usual type: the desk now uses the most common type instead.' : ''} Contacts already recorded keep it.`,
    );
  }

  async function add(event: SyntheticEvent) {
    event.preventDefault();
    const key = tidyKey(newKey);
    const result = await run(() => createContactType({ name: newName, counts: newCounts, ...(key === '' ? {} : { key }) }));
    if (!result) return;
    if (!result.ok) {
      setProblem({ where: 'add', error: result.error });
      return;
    }
    setProblem(null);
    announce(`Added ${result.value.name}${result.value.key ? ` (key ${result.value.key})` : ''}.`);
    setNewName('');
    setNewKey('');
    setNewCounts(true);
    nameBox.current?.focus();
  }

  const activeTypes = types.filter((type) => type.active);
  const usual = usualDraft ?? settings.defaultContactType;
  const usualMissing = usual !== 'auto' && !activeTypes.some((type) => type.id === usual);
  const usualName = types.find((type) => type.id === usual)?.name ?? 'A type no longer in use';

  async function saveUsual(event: SyntheticEvent) {
    event.preventDefault();
    if (await usualSave.save(usual === settings.defaultContactType ? {} : { defaultContactType: usual })) setUsualDraft(null);
  }

  return (
    <section className="panel settings-section" aria-labelledby="types-heading">
      <h2 id="types-heading">Types of contact</h2>
      <p className="muted">Each contact is recorded with a type. Types that count use up the clinician’s cap; the rest are recorded but not counted.</p>
      <table ref={table} className="plain-table types-table">
        <caption className="visually-hidden">Types of contact</caption>
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col">Counts toward the cap</th>
            <th scope="col">Key</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {types.map((type) => {
            const value = valueOf(type);
            const dirty = isDirty(type);
            const rowError = errorFor({ row: type.id });
            return (
              <tr key={type.id} className={type.active ? undefined : 'not-offered'}>
                <th scope="row">
                  {type.name}
                  {!type.active && <span className="tag not-in-use">Not in use</span>}
                </th>
                <td>
                  <label className="check-inline">
                    <input type="checkbox" checked={value.counts} onChange={(event) => setRow(type.id, { counts: event.target.checked })} {...invalidIf(rowError, 'counts', ROW_ERROR_ID)} />
                    <span className="visually-hidden">Counts toward the cap: {type.name}</span>
                    <span aria-hidden="true">{value.counts ? 'Counts' : 'Not counted'}</span>
                  </label>
                </td>
                <td>
                  <input
                    className="input-key"
                    maxLength={1}
                    aria-label={`Shortcut letter: ${type.name}`}
                    value={value.key}
                    onChange={(event) => setRow(type.id, { key: event.target.value.toUpperCase() })}
                    onKeyDown={(event) => {
                      if (event.key === 'Enter' && dirty) {
                        event.preventDefault();
                        void saveRow(type);
                      }
                    }}
                    {...invalidIf(rowError, 'key', ROW_ERROR_ID)}
                  />
                </td>
                <td className="row-actions">
                  {dirty && (
                    <button type="button" className="quiet save-row" aria-disabled={busy || undefined} aria-label={`Save ${type.name}`} onClick={() => void saveRow(type)}>
                      Save
                    </button>
                  )}
                  <button
                    type="button"
                    className="quiet"
                    data-type-toggle={type.id}
                    aria-disabled={busy || undefined}
                    aria-label={type.active ? `Stop using ${type.name}` : `Use ${type.name} again`}
                    onClick={() => void setActive(type, !type.active)}
                  >
                    {type.active ? 'Stop using' : 'Use again'}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ErrorMessage error={rowProblem} id={ROW_ERROR_ID} />
      <Unsaved dirty={types.some(isDirty)} line="Not saved yet: press Save on each changed row." />

      <form className="settings-subform" onSubmit={(event) => void add(event)} aria-labelledby="add-type-heading">
        <h3 id="add-type-heading">Add a type of contact</h3>
        <div className="inline-form">
          <label className="field">
            Name
            <input ref={nameBox} value={newName} onChange={(event) => setNewName(event.target.value)} {...invalidIf(errorFor('add'), 'name', ADD_ERROR_ID)} />
          </label>
          <label className="field">
            Key
            <input
              className="input-key"
              maxLength={1}
              value={newKey}
              onChange={(event) => setNewKey(event.target.value.toUpperCase())}
              {...describedField(errorFor('add'), 'key', ADD_ERROR_ID, 'add-key-note')}
            />
          </label>
          <label className="check add-counts">
            <input type="checkbox" checked={newCounts} onChange={(event) => setNewCounts(event.target.checked)} {...invalidIf(errorFor('add'), 'counts', ADD_ERROR_ID)} />
            Counts toward the cap
          </label>
          <button type="submit" className="add-type" aria-disabled={busy || undefined}>
            Add type
          </button>
        </div>
        <p id="add-key-note" className="field-note">
          Key: optional, one letter that picks the type at the desk. {RESERVED} are kept for other things at the desk.
        </p>
        <ErrorMessage error={errorFor('add')} id={ADD_ERROR_ID} />
      </form>

      <form className="settings-subform" onSubmit={(event) => void saveUsual(event)}>
        <div className="inline-form">
          <label className="field">
            Usual type at the desk
            <select value={usual} onChange={(event) => setUsualDraft(event.target.value)} {...describedField(usualSave.error, 'defaultContactType', USUAL_ERROR_ID, 'usual-note')}>
              <option value="auto">Most common over the last four weeks</option>
              {activeTypes.map((type) => (
                <option key={type.id} value={type.id}>
                  {type.name}
                </option>
              ))}
              {usualMissing && <option value={usual}>{usualName} (no longer in use)</option>}
            </select>
          </label>
          <button type="submit" aria-disabled={usualSave.saving || undefined}>
            Save usual type
          </button>
          <Unsaved dirty={usual !== settings.defaultContactType} />
        </div>
        <p id="usual-note" className="field-note">
          Picked when reception records a contact without choosing a type.
        </p>
        <ErrorMessage error={usualSave.error} id={USUAL_ERROR_ID} />
      </form>
    </section>
  );
}
