import { useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { DirectoryEntry } from '../../../../shared/directory.ts';
import type { Redirection } from '../../../../shared/domain.ts';
import { signpostSlipLines, slipAsText } from '../../../../shared/signpostSlip.ts';
import { useSettingsStore } from '../../stores/settingsStore.ts';
import { Modal } from '../common/Modal.tsx';
import { copyText } from './copyText.ts';
import { SignpostSlip } from './SignpostSlip.tsx';
import { SlipPrintSheet } from './SlipPrintSheet.tsx';
import { SlipText } from './SlipText.tsx';

type View = 'slip' | 'text';

/**
 * After a redirection is recorded: the slip to print, or the same slip as text
 * to read out or send. The focus starts on Print; the buttons stay in view
 * however long the service's details are (the slip scrolls, they do not).
 */
export function RedirectedStep({
  redirection,
  warnings,
  entry,
  onClose,
}: {
  redirection: Redirection;
  warnings: readonly string[];
  entry: DirectoryEntry;
  onClose: () => void;
}) {
  const practiceName = useSettingsStore((state) => state.settings?.practiceName ?? '');
  const lines = useMemo(() => signpostSlipLines({ entry, practiceName, at: Date.parse(redirection.occurredAt) }), [entry, practiceName, redirection.occurredAt]);
  const text = slipAsText(lines);
  const [view, setView] = useState<View>('slip');
  const [copied, setCopied] = useState('');
  const textBox = useRef<HTMLTextAreaElement>(null);

  const show = (next: View) => {
    setView(next);
    setCopied('');
  };

  async function copy() {
    if (await copyText(text)) {
      setCopied('Copied. Paste it into the text message.');
      return;
    }
    // No clipboard here: show the text selected, so Ctrl+C copies it.
    flushSync(() => setView('text'));
    textBox.current?.focus();
    textBox.current?.select();
    setCopied('The text is selected: press Ctrl+C to copy it.');
  }

  return (
    <Modal title={`Redirected to ${redirection.destinationName}`} onClose={onClose} desk="form">
      <div className="slip-step">
        <div className="slip-step-body">
          {warnings.map((warning) => (
            <p key={warning} role="alert" className="banner banner-warning inline">
              {warning}
            </p>
          ))}
          <p className="dialog-lead">Give the patient this slip. On the phone, read it out or send it as a text message.</p>
          <div className="slip-views" role="group" aria-label="Show the slip as">
            <button type="button" aria-pressed={view === 'slip'} onClick={() => show('slip')}>
              Printed slip
            </button>
            <button type="button" aria-pressed={view === 'text'} onClick={() => show('text')}>
              Read out / text message
            </button>
          </div>
          {view === 'slip' ? <SignpostSlip lines={lines} /> : <SlipText text={text} textRef={textBox} />}
        </div>
        <div className="actions slip-actions">
          <p role="status" className="slip-copied">
            {copied}
          </p>
          <button type="button" onClick={onClose}>
            Close
          </button>
          <button type="button" onClick={() => void copy()}>
            Copy as text
          </button>
          <button type="button" className="primary" data-autofocus onClick={() => window.print()}>
            Print slip
          </button>
        </div>
      </div>
      <SlipPrintSheet lines={lines} />
    </Modal>
  );
}
