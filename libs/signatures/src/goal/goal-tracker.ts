import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@accord/audit';
import { Participant } from '@accord/delegations';
import type { Event } from '@accord/events';
import { SignaturesNotifier } from '../shared/signatures-notifier.js';
import { SIGNATURE_ORDER_SQL } from '../shared/signature-order.js';
import { MilestoneKind, SignatoryMilestone } from './signatory-milestone.entity.js';

/**
 * Fires `signatories.goal_reached` exactly once per event. Runs inside the transaction that records a signature,
 * after `lockEvent`: the recount sees every committed signature, and the unique (event, kind) milestone row both
 * remembers that the goal fired and refuses a second one, even after a void and a re-record.
 */
@Injectable()
export class GoalTracker {
  constructor(
    private readonly notifier: SignaturesNotifier,
    private readonly audit: AuditService,
  ) {}

  async check(manager: EntityManager, event: Event): Promise<SignatoryMilestone | null> {
    const fired = await manager.existsBy(SignatoryMilestone, { eventId: event.id, kind: MilestoneKind.GoalReached });
    if (fired) return null;
    // Only States count toward the goal; the goal-th of them in order of time of signature is the one that reached it.
    const rows: Array<{ id: string; signed_at: Date; place: string; participant_id: string }> = await manager.query(
      `SELECT s.id, s.signed_at, s.place, s.participant_id
         FROM signatures s
        WHERE s.event_id = $1 AND s.voided_at IS NULL AND s.party_kind = 'state'
        ORDER BY ${SIGNATURE_ORDER_SQL('s')}`,
      [event.id],
    );
    if (rows.length < event.signatoryGoal) return null;
    const crossing = rows[event.signatoryGoal - 1]!;
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(SignatoryMilestone)
      .values({
        eventId: event.id,
        kind: MilestoneKind.GoalReached,
        count: rows.length,
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
      count: rows.length,
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
