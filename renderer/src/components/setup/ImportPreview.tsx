import type { ClinicianImport } from '../../../../shared/clinicianImport.ts';
import { ROLE_LABELS } from '../../../../shared/domain.ts';
import { plural } from '../../format.ts';

/** Every row of the file: what ContactCap will add, or what is wrong with it, said in words as well as marked. */
export function ImportPreview({ answer, fileName }: { answer: ClinicianImport; fileName: string }) {
  return (
    <div className="setup-preview">
      <table className="setup-table">
        <caption>
          {fileName}: {plural(answer.rows.length, 'row')}
          {answer.problems > 0 ? `, ${answer.problems} to fix` : ', all ready'}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Row
            </th>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Daily cap</th>
            <th scope="col">Initials</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {answer.rows.map((row) => (
            <tr key={row.row} className={row.outcome === 'problem' ? 'setup-row-problem' : undefined}>
              <td className="num">{row.row}</td>
              <th scope="row">{row.name === '' ? <span className="muted">(no name)</span> : row.name}</th>
              <td>{row.role === null ? row.roleText : ROLE_LABELS[row.role]}</td>
              <td>{row.cap}</td>
              <td>{row.initials}</td>
              <td className="setup-result">
                {row.outcome === 'problem' ? (
                  <span className="setup-problem">
                    <span aria-hidden="true">⚠ </span>
                    {row.message}
                  </span>
                ) : (
                  <span className="setup-ready">
                    <span aria-hidden="true">✓ </span>
                    {row.message}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {answer.ignoredColumns.length > 0 && <p className="field-note">Left alone (ContactCap does not use them): {answer.ignoredColumns.join(', ')}.</p>}
    </div>
  );
}
