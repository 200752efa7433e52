import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxService, type Notification, type Recipient } from '@accord/notifications';
import type { Delegation } from './delegation.entity.js';
import { delegationName } from './dto/delegation.dto.js';
import type { DelegationTransition } from './workflow/delegation-transition.entity.js';

/** The focal point, as a notification recipient. */
export function focalPointRecipient(d: Delegation): Recipient {
  return { email: d.focalPointEmail, name: d.focalPointName, language: d.focalPointLanguage, delegationId: d.id };
}

/** Puts the delegation notifications in the outbox, inside the transaction of the change they announce. */
@Injectable()
export class DelegationNotifier {
  constructor(private readonly outbox: OutboxService) {}

  async submitted(
    manager: EntityManager,
    d: Delegation,
    memberCount: number,
    channel: 'form' | 'organiser' | 'import',
  ): Promise<void> {
    await this.outbox.enqueue(manager, this.submittedNotification(d, memberCount, channel));
  }

  /** The outbox row of `submitted`, for a registration written in one statement (the row commits with it). */
  submittedMessage(d: Delegation, memberCount: number, channel: 'form' | 'organiser' | 'import') {
    return this.outbox.message(this.submittedNotification(d, memberCount, channel));
  }

  private submittedNotification(
    d: Delegation,
    memberCount: number,
    channel: 'form' | 'organiser' | 'import',
  ): Notification<'delegation.submitted'> {
    return {
      kind: 'delegation.submitted',
      eventId: d.eventId,
      recipients: [focalPointRecipient(d)],
      data: {
        delegationId: d.id,
        delegationName: delegationName(d),
        kind: d.kind,
        memberCount,
        channel,
        submittedAt: d.createdAt.toISOString(),
      },
      webhook: true,
    };
  }

  async statusChanged(manager: EntityManager, d: Delegation, transition: DelegationTransition): Promise<void> {
    await this.outbox.enqueue(manager, {
      kind: 'delegation.status_changed',
      eventId: d.eventId,
      recipients: [focalPointRecipient(d)],
      data: {
        delegationId: d.id,
        delegationName: delegationName(d),
        transitionId: transition.id,
        from: transition.fromStatus ?? '',
        to: transition.toStatus,
        reason: transition.reason,
        actor: transition.actorKind === 'focal-point' ? 'focal-point' : 'organiser',
        changedAt: transition.createdAt.toISOString(),
      },
      webhook: true,
    });
  }
}
