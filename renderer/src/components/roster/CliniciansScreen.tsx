/** Being built in this session. */
export function CliniciansScreen() {
  return <p className="muted">This screen is being built.</p>;
}
