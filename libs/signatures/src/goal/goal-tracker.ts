import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@accord/audit';
import { Participant } from '@accord/delegations';
import type { Event } from '@accord/events';
import { SignaturesNotifier } from '../shared/signatures-notifier.js';
import { SIGNATURE_ORDER_SQL } from '../shared/signature-order.js';
import { MilestoneKind, SignatoryMilestone } from './signatory-milestone.entity.js';

/**
 * Fires `signatories.goal_reached` exactly once per event. Runs at the end of the transaction that records a
 * signature, and takes the event lock only while the goal has not fired (a fired milestone is permanent, so after
 * it no signature waits for anyone). Under the lock the recount sees every signature committed before and this
 * transaction's own: whichever transaction comes last to the lock sees the crossing. The unique (event, kind)
 * milestone row remembers that the goal fired and refuses a second one, even after a void and a re-record.
 */
@Injectable()
export class GoalTracker {
  constructor(
    private readonly notifier: SignaturesNotifier,
    private readonly audit: AuditService,
  ) {}

  /** Call when the goal had not fired as the transaction began (the caller has read that already). */
  async check(manager: EntityManager, unlocked: Event): Promise<SignatoryMilestone | null> {
    // The lock, with the goal as it stands under it (an organiser may have just changed it); nothing else is read.
    const [locked] = (await manager.query('SELECT signatory_goal FROM events WHERE id = $1 FOR NO KEY UPDATE', [
      unlocked.id,
    ])) as [{ signatory_goal: number } | undefined];
    if (!locked) return null;
    const event = { id: unlocked.id, signatoryGoal: locked.signatory_goal };
    // One round trip under the lock: whether it fired meanwhile, the count of States (only they count toward the
    // goal), and the goal-th of them in order of time of signature, the one that reached it.
    const [state] = (await manager.query(
      `SELECT EXISTS (SELECT 1 FROM signatory_milestones m WHERE m.event_id = $1 AND m.kind = $2) AS fired,
              (SELECT count(*) FROM signatures s
                WHERE s.event_id = $1 AND s.voided_at IS NULL AND s.party_kind = 'state')::int AS count,
              c.id, c.signed_at, c.place, c.participant_id
         FROM (SELECT 1) AS one
         LEFT JOIN LATERAL (
           SELECT s.id, s.signed_at, s.place, s.participant_id FROM signatures s
            WHERE s.event_id = $1 AND s.voided_at IS NULL AND s.party_kind = 'state'
            ORDER BY ${SIGNATURE_ORDER_SQL('s')} OFFSET $3 LIMIT 1) AS c ON true`,
      [event.id, MilestoneKind.GoalReached, event.signatoryGoal - 1],
    )) as [
      { fired: boolean; count: number; id: string | null; signed_at: Date; place: string; participant_id: string },
    ];
    if (state.fired || state.count < event.signatoryGoal || !state.id) return null;
    const crossing = { ...state, id: state.id };
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(SignatoryMilestone)
      .values({
        eventId: event.id,
        kind: MilestoneKind.GoalReached,
        count: state.count,
        goal: event.signatoryGoal,
        reachedAt: crossing.signed_at,
        signatureId: crossing.id,
        participantId: crossing.participant_id,
      })
      .orIgnore()
      .returning('*')
      .execute();
    const row = (inserted.raw as Array<Record<string, unknown>>)[0];
    if (!row) return null;
    const milestone = manager.create(SignatoryMilestone, {
      id: row.id as string,
      eventId: event.id,
      kind: MilestoneKind.GoalReached,
      count: state.count,
      goal: event.signatoryGoal,
      reachedAt: crossing.signed_at,
      signatureId: crossing.id,
      participantId: crossing.participant_id,
      firedAt: row.fired_at as Date,
    });
    const participant = await manager.findOneByOrFail(Participant, { id: crossing.participant_id });
    await this.audit.record(manager, {
      action: 'signatories.goal_reached',
      entityType: 'signatory_milestone',
      entityId: milestone.id,
      eventId: event.id,
      after: { goal: milestone.goal, count: milestone.count, signatureId: crossing.id, partyCode: participant.code },
    });
    await this.notifier.goalReached(manager, milestone, { id: crossing.id, place: crossing.place }, participant);
    return milestone;
  }
}
