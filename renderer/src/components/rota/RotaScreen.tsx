/** Being built in this session. */
export function RotaScreen() {
  return <p className="muted">This screen is being built.</p>;
}
