import type { SlipLine } from '../../../../shared/signpostSlip.ts';

/**
 * The patient's slip: who it is from and when, the service, how to reach it,
 * when it is open, and what to do if worse. Every line comes from
 * signpostSlipLines, the same lines the text version is made of.
 */
export function SignpostSlip({ lines }: { lines: readonly SlipLine[] }) {
  return (
    <section className="slip" aria-label="Signposting slip">
      {lines.map((line) => {
        switch (line.part) {
          case 'service':
            return (
              <h3 key={line.part} className="slip-block slip-service">
                <span className="slip-caption">{line.label}</span> {line.text}
              </h3>
            );
          case 'safetyNet':
            return (
              <p key={line.part} className="slip-block slip-safety">
                <strong>{line.text}</strong>
              </p>
            );
          case 'practice':
          case 'date':
            return (
              <p key={line.part} className={`slip-block slip-${line.part}`}>
                {line.text}
              </p>
            );
          case 'phone':
          case 'address':
          case 'hours':
            return (
              <p key={line.part} className="slip-block slip-detail">
                <span className="slip-label">{line.label}</span> <span>{line.text}</span>
              </p>
            );
        }
      })}
    </section>
  );
}
