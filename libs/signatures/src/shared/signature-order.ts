/**
 * "In order of time of signature": by the time signed, then by the time recorded (two parties signing in the same
 * minute are ordered as the officers recorded them), then by id so the order is total. The SQL ORDER BY used
 * everywhere says the same.
 */
export interface Ordered {
  id: string;
  signedAt: Date;
  recordedAt: Date;
}

export function bySignatureOrder(a: Ordered, b: Ordered): number {
  return (
    a.signedAt.getTime() - b.signedAt.getTime() ||
    a.recordedAt.getTime() - b.recordedAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export const SIGNATURE_ORDER_SQL = (alias: string) => `${alias}.signed_at, ${alias}.recorded_at, ${alias}.id`;
