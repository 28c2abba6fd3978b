import type { ContactType } from '../../../../shared/domain.ts';
import { KeyCap } from '../common/fields.tsx';

/** The type of contact being recorded: one letter key each, or arrow keys in the group. */
export function TypePicker({ types, value, onChange }: { types: ContactType[]; value: string; onChange: (typeId: string) => void }) {
  return (
    <fieldset className="type-picker">
      <legend>Type of contact</legend>
      <div className="type-options">
        {[...types.filter((type) => type.counts), ...types.filter((type) => !type.counts)].map((type) => (
          <label key={type.id} className={type.id === value ? 'type-option chosen' : 'type-option'}>
            <input type="radio" name="contact-type" value={type.id} checked={type.id === value} onChange={() => onChange(type.id)} />
            {type.key && <KeyCap>{type.key}</KeyCap>}
            <span className="type-name">
              {type.name}
              {!type.counts && <span className="type-note">not counted</span>}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The type a letter picks, if any. */
export function typeForKey(types: ContactType[], key: string): ContactType | undefined {
  return types.find((type) => type.key === key);
}
