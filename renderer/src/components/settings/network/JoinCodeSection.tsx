import { useSystemStore } from '../../../stores/systemStore.ts';
import { joinCodeGroups } from './networkText.ts';

/** The join code, large and in its groups, for a manager to read aloud at another PC, and how to use it. */
export function JoinCodeSection() {
  const joinCode = useSystemStore((state) => state.joinCode);
  const groups = joinCode === null ? [] : joinCodeGroups(joinCode);
  return (
    <section className="panel settings-section" aria-labelledby="network-code">
      <h2 id="network-code">Join code for another PC</h2>
      {joinCode === null ? (
        <p className="muted">Reading the join code…</p>
      ) : (
        <>
          <p className="join-code" data-code={joinCode}>
            {groups.map((group, index) => (
              <span key={index}>
                {index > 0 && <span className="join-code-dash">-</span>}
                <span className="join-code-group">{group}</span>
              </span>
            ))}
          </p>
          <ol className="join-code-steps">
            <li>At the other PC, open Settings, then the “Practice network” tab.</li>
            <li>Under “Join a practice network”, type this code, group by group. Capitals or small letters, with or without the dashes.</li>
            <li>The other PC joins at once and starts sharing when it finds this one.</li>
          </ol>
          <p className="field-note">
            The code never has the letters I, L, O or U: read 0 as zero and 1 as one. Keep it within the practice: any PC with this code can join the network.
          </p>
        </>
      )}
    </section>
  );
}
