/** Fields whose values the audit trail must not keep: it records that they changed, not what they became. */
const PERSONAL_FIELDS = new Set([
  'email',
  'phone',
  'passportNumber',
  'passportExpiry',
  'dateOfBirth',
  'password',
  'passwordHash',
  'tokenHash',
  'secret',
  'focalPointEmail',
  'focalPointPhone',
  'totpSecret',
]);

export const REDACTED = '[redacted]';

/** Bookkeeping columns: they change with every write and say nothing the entry's own timestamp does not. */
const IGNORED_FIELDS = new Set(['createdAt', 'updatedAt', 'version']);

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
  return value ?? null;
}

/**
 * Equal as JSON (what the entry records). Strings and booleans compare directly: every registration's entry diffs
 * some twenty of them against nothing, and writing each out twice to compare cost more than the rest of the entry.
 */
function same(from: unknown, to: unknown): boolean {
  if (from === to) return true;
  const simple = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'boolean';
  if (simple(from) && simple(to)) return false;
  return JSON.stringify(from) === JSON.stringify(to); // numbers (NaN is null in JSON), objects, arrays
}

/**
 * The fields that differ between two snapshots, as `{ field: { from, to } }`, with personal data redacted.
 * A creation has `before` undefined; a deletion has `after` undefined.
 */
export function diffChanges(
  beforeSnapshot: object | undefined,
  afterSnapshot: object | undefined,
): Record<string, { from: unknown; to: unknown }> {
  const before = beforeSnapshot as Record<string, unknown> | undefined;
  const after = afterSnapshot as Record<string, unknown> | undefined;
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of keys) {
    if (IGNORED_FIELDS.has(key)) continue;
    const from = normalise(before?.[key]);
    const to = normalise(after?.[key]);
    if (same(from, to)) continue;
    changes[key] = PERSONAL_FIELDS.has(key)
      ? { from: from === null ? null : REDACTED, to: to === null ? null : REDACTED }
      : { from, to };
  }
  return changes;
}
