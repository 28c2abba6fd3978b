import { useId, type Ref } from 'react';
import { smsSize } from '../../../../shared/smsParts.ts';
import { plural } from '../../format.ts';

/** The slip as plain text, to read out on the phone or paste into a text message, with how many messages it takes. */
export function SlipText({ text, textRef }: { text: string; textRef: Ref<HTMLTextAreaElement> }) {
  const id = useId();
  const size = smsSize(text);
  return (
    <div className="slip-text">
      <label htmlFor={id} className="slip-text-label">
        Text to read out, or to paste into a text message
      </label>
      <textarea id={id} ref={textRef} readOnly value={text} rows={text.split('\n').length + 1} aria-describedby={`${id}-size`} spellCheck={false} />
      <p id={`${id}-size`} className="field-note">
        {plural(size.units, 'character')}: {plural(size.parts, 'text message')}.
      </p>
    </div>
  );
}
