/** Being built in this session. */
export function SettingsScreen() {
  return <p className="muted">This screen is being built.</p>;
}
