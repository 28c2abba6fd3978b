/**
 * The requested fields that differ from the current record; a field left out
 * (undefined) means "leave it as it is". Only real changes go into the log.
 */
export function changedFields(current: object, requested: object): Record<string, unknown> {
  const before = current as Record<string, unknown>;
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(requested) as [string, unknown][]) {
    if (value !== undefined && value !== before[key]) changes[key] = value;
  }
  return changes;
}
