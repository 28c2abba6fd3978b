/** Being built in this session. */
export function ServicesScreen() {
  return <p className="muted">This screen is being built.</p>;
}
