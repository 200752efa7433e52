import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { focalPointRecipient, type Delegation, type Participant } from '@accord/delegations';
import { OutboxService, type Recipient } from '@accord/notifications';
import type { FullPowers } from '../full-powers/full-powers.entity.js';
import type { SignatoryMilestone } from '../goal/signatory-milestone.entity.js';
import type { Signature } from '../signatures/signature.entity.js';

/** Puts the signatory notifications in the outbox, inside the transaction of the change they announce. */
@Injectable()
export class SignaturesNotifier {
  constructor(private readonly outbox: OutboxService) {}

  async fullPowersReviewed(
    manager: EntityManager,
    fullPowers: FullPowers,
    participant: Participant,
    delegation: Delegation | null,
  ): Promise<void> {
    // Full powers registered by the treaty section for a party without a delegation have nobody to tell.
    if (!delegation) return;
    await this.outbox.enqueue(manager, {
      kind: 'full_powers.reviewed',
      eventId: fullPowers.eventId,
      recipients: [focalPointRecipient(delegation)],
      data: {
        fullPowersId: fullPowers.id,
        delegationId: delegation.id,
        partyCode: participant.code,
        partyName: participant.nameEn,
        representativeName: fullPowers.representativeName,
        status: fullPowers.status === 'verified' ? 'verified' : 'rejected',
        reason: fullPowers.rejectionReason,
        reviewedAt: (fullPowers.reviewedAt ?? new Date()).toISOString(),
      },
    });
  }

  /**
   * The outbox row announcing the goal, for the caller to insert in the same statement as the milestone (it commits
   * with the milestone or not at all). `recipients`: the organisers who follow the signatory record (`organisers`).
   */
  goalReachedMessage(
    milestone: SignatoryMilestone,
    crossing: Pick<Signature, 'id' | 'place'>,
    participant: Pick<Participant, 'code' | 'nameEn'>,
    recipients: Recipient[],
  ) {
    return this.outbox.message({
      kind: 'signatories.goal_reached',
      eventId: milestone.eventId,
      recipients,
      data: {
        milestoneId: milestone.id,
        goal: milestone.goal,
        count: milestone.count,
        reachedAt: milestone.reachedAt.toISOString(),
        signatureId: crossing.id,
        partyCode: participant.code,
        partyName: participant.nameEn,
        place: crossing.place,
        firedAt: milestone.firedAt.toISOString(),
      },
      webhook: true,
    });
  }

  /** The organisers who follow the signatory record: active accounts with the treaty or admin role. */
  async organisers(manager: EntityManager): Promise<Recipient[]> {
    const rows: Array<{ email: string; display_name: string }> = await manager.query(
      `SELECT email, display_name FROM users WHERE active AND roles && ARRAY['admin','treaty']::text[] ORDER BY email`,
    );
    return rows.map((r) => ({ email: r.email, name: r.display_name, language: 'en' }));
  }
}
