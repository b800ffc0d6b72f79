export type Changes = Record<string, { before: unknown; after: unknown }>;

/** Fields never written to the audit log. */
const hiddenFields = new Set(['passwordHash', 'tokenHash', 'csrfToken']);

const normalise = (v: unknown): unknown => (v instanceof Date ? v.toISOString() : v === undefined ? null : v);

/**
 * The changed fields between two versions of a record. `before` null means created, `after` null means deleted;
 * then every field is listed. Timestamps maintained by the database itself (`updatedAt`) are left out.
 */
export function diffChanges(before: Record<string, unknown> | null, after: Record<string, unknown> | null): Changes {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: Changes = {};
  for (const key of keys) {
    if (key === 'updatedAt' || key === 'createdAt') continue;
    const b = normalise(before?.[key]);
    const a = normalise(after?.[key]);
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    changes[key] = hiddenFields.has(key)
      ? { before: b === null ? null : '***', after: a === null ? null : '***' }
      : { before: b, after: a };
  }
  return changes;
}
