import type { EntityManager } from 'typeorm';

/**
 * Where the running order reads each party's full-powers status. The signatures library owns full powers; it may
 * provide this (token FULL_POWERS_STATUS_SOURCE) to answer from its own service. Without a provider the running
 * order reads its `full_powers` table directly when that table exists: the current document (pending or
 * verified) of each party, else its latest one.
 */
export interface FullPowersStatusSource {
  /** Status by participant id, for the parties that have full powers on file at the event. */
  statuses(manager: EntityManager, eventId: string, participantIds: string[]): Promise<Map<string, string>>;
}
export const FULL_POWERS_STATUS_SOURCE = Symbol('FULL_POWERS_STATUS_SOURCE');

export const fullPowersTableSource: FullPowersStatusSource = {
  async statuses(manager, eventId, participantIds) {
    if (participantIds.length === 0) return new Map();
    const [{ present }] = (await manager.query(`SELECT to_regclass('public.full_powers') IS NOT NULL AS present`)) as {
      present: boolean;
    }[] as [{ present: boolean }];
    if (!present) return new Map();
    const rows = (await manager.query(
      `SELECT DISTINCT ON (participant_id) participant_id, status FROM full_powers
        WHERE event_id = $1 AND participant_id = ANY($2::uuid[])
        ORDER BY participant_id, (status IN ('pending', 'verified')) DESC, created_at DESC`,
      [eventId, participantIds],
    )) as { participant_id: string; status: string }[];
    return new Map(rows.map((r) => [r.participant_id, r.status]));
  },
};
