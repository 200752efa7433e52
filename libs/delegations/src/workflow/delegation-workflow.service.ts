import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '@accord/audit';
import { AppError, notFound, validationFailed, type Caller } from '@accord/core';
import { Event } from '@accord/events';
import { DELEGATION_KINDS, DelegationStatus, GOVERNMENT_KINDS, KindGroup, kindGroup } from '../delegation-kind.js';
import { Delegation } from '../delegation.entity.js';
import { DelegationNotifier } from '../delegation-notifier.js';
import { actorOf, delegationSnapshot } from '../delegation-rows.js';
import { assertVisible } from '../delegations.service.js';
import { Participant } from '../participants/participant.entity.js';
import { DelegationTransition } from './delegation-transition.entity.js';

const { Submitted, Approved, Waitlisted, Rejected, Cancelled } = DelegationStatus;

/**
 * The review workflow, for organisers. Resetting to `submitted` reopens a decided (or cancelled) registration;
 * a waitlisted one may also be rejected. A focal point may only cancel its own registration.
 */
export const TRANSITIONS: Readonly<Record<DelegationStatus, readonly DelegationStatus[]>> = {
  [Submitted]: [Approved, Waitlisted, Rejected, Cancelled],
  [Waitlisted]: [Approved, Rejected, Cancelled, Submitted],
  [Approved]: [Cancelled, Submitted],
  [Rejected]: [Cancelled, Submitted],
  [Cancelled]: [Submitted],
};

export function allowedTransitions(caller: Caller, from: DelegationStatus): DelegationStatus[] {
  if (caller.kind === 'focal-point') return from === Cancelled ? [] : [Cancelled];
  return [...TRANSITIONS[from]];
}

const groupKinds = (group: KindGroup) =>
  group === KindGroup.Government
    ? [...GOVERNMENT_KINDS]
    : DELEGATION_KINDS.filter((k) => !GOVERNMENT_KINDS.includes(k));

const capOf = (event: Event, group: KindGroup) =>
  group === KindGroup.Government ? event.maxGovernmentDelegations : event.maxNonGovernmentDelegations;

interface Refusal {
  delegationId: string;
  code: string;
  detail: string;
  allowed?: DelegationStatus[];
}

@Injectable()
export class DelegationWorkflowService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifier: DelegationNotifier,
    private readonly audit: AuditService,
  ) {}

  /**
   * Moves the given delegations to `to`, all or none, in one transaction. The event row is locked first, so
   * approvals against a cap are counted one transaction at a time: the cap holds under any concurrency.
   */
  async transition(
    caller: Caller,
    eventId: string,
    delegationIds: string[],
    to: DelegationStatus,
    givenReason?: string | null,
  ): Promise<Delegation[]> {
    const reason = givenReason?.trim() || null;
    if (to === Rejected && !reason) {
      throw validationFailed([
        { field: 'reason', message: 'a reason is required to reject a registration (the focal point receives it)' },
      ]);
    }
    for (const id of delegationIds) assertVisible(caller, eventId, id);
    const single = delegationIds.length === 1;
    return this.dataSource.transaction(async (manager) => {
      const event = await this.lockEvent(manager, eventId);
      const delegations = await this.lockDelegations(manager, eventId, delegationIds);
      const refusals: Refusal[] = [];
      for (const id of delegationIds) {
        const d = delegations.find((x) => x.id === id);
        if (!d) {
          if (single) throw notFound('Delegation', id);
          refusals.push({ delegationId: id, code: 'DELEGATION.NOT_FOUND', detail: `Delegation ${id} was not found` });
          continue;
        }
        const allowed = allowedTransitions(caller, d.status);
        if (!allowed.includes(to)) {
          const refusal = {
            delegationId: id,
            code: 'DELEGATION.INVALID_TRANSITION',
            detail:
              `A ${d.status} registration cannot become ${to}` +
              (allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''),
            allowed,
          };
          if (single) throw new AppError(409, refusal.code, refusal.detail, { from: d.status, to, allowed });
          refusals.push(refusal);
        }
      }
      if (refusals.length) {
        throw new AppError(
          409,
          'DELEGATION.BULK_REFUSED',
          `${refusals.length} of ${delegationIds.length} delegations cannot become ${to}; none was changed`,
          { errors: refusals },
        );
      }
      if (to === Approved) await this.checkCaps(manager, event, delegations);
      const changed: Delegation[] = [];
      // Answer in the order asked (the rows were locked in id order).
      for (const id of delegationIds) {
        changed.push(
          await this.apply(
            manager,
            caller,
            delegations.find((d) => d.id === id)!,
            to,
            reason,
          ),
        );
      }
      return changed;
    });
  }

  /**
   * Approves waitlisted delegations, oldest decision first, while the caps of their group leave room (for
   * example after a cancellation). Returns the promoted delegations.
   */
  async promoteFromWaitlist(
    caller: Caller,
    eventId: string,
    group: KindGroup | undefined,
    limit: number,
  ): Promise<Delegation[]> {
    return this.dataSource.transaction(async (manager) => {
      const event = await this.lockEvent(manager, eventId);
      const promoted: Delegation[] = [];
      for (const g of group ? [group] : [KindGroup.Government, KindGroup.NonGovernment]) {
        const room = await this.roomLeft(manager, event, g);
        const take = Math.min(room, limit - promoted.length);
        if (take <= 0) continue;
        const waiting = await manager
          .createQueryBuilder(Delegation, 'd')
          .setLock('pessimistic_write')
          .where('d.event_id = :eventId AND d.status = :status AND d.kind IN (:...kinds)', {
            eventId,
            status: Waitlisted,
            kinds: groupKinds(g),
          })
          .orderBy('d.status_changed_at', 'ASC')
          .addOrderBy('d.created_at', 'ASC')
          .take(take)
          .getMany();
        await this.loadParticipants(manager, waiting);
        for (const d of waiting) {
          promoted.push(await this.apply(manager, caller, d, Approved, 'Promoted from the waiting list'));
        }
      }
      return promoted;
    });
  }

  async history(caller: Caller, eventId: string, delegationId: string): Promise<DelegationTransition[]> {
    assertVisible(caller, eventId, delegationId);
    const exists = await this.dataSource.manager.existsBy(Delegation, { id: delegationId, eventId });
    if (!exists) throw notFound('Delegation', delegationId);
    return this.dataSource.manager.find(DelegationTransition, {
      where: { delegationId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  private async apply(
    manager: EntityManager,
    caller: Caller,
    d: Delegation,
    to: DelegationStatus,
    reason: string | null,
  ): Promise<Delegation> {
    const before = delegationSnapshot(d);
    const from = d.status;
    d.status = to;
    d.statusReason = reason;
    d.statusChangedAt = new Date();
    await manager.update(
      Delegation,
      { id: d.id },
      { status: to, statusReason: reason, statusChangedAt: d.statusChangedAt, updatedAt: () => 'now()' },
    );
    const transition = await manager.save(
      manager.create(DelegationTransition, {
        delegationId: d.id,
        fromStatus: from,
        toStatus: to,
        reason,
        ...actorOf(caller),
      }),
    );
    await this.notifier.statusChanged(manager, d, transition);
    await this.audit.record(manager, {
      action: `delegation.${to === Submitted ? 'reset' : to}`,
      entityType: 'delegation',
      entityId: d.id,
      eventId: d.eventId,
      before,
      after: delegationSnapshot(d),
    });
    return d;
  }

  private async checkCaps(manager: EntityManager, event: Event, delegations: Delegation[]): Promise<void> {
    for (const group of [KindGroup.Government, KindGroup.NonGovernment]) {
      const requested = delegations.filter((d) => kindGroup(d.kind) === group).length;
      const cap = capOf(event, group);
      if (requested === 0 || cap === null) continue;
      const approved = await this.countApproved(manager, event.id, group);
      if (approved + requested > cap) {
        throw new AppError(
          409,
          'DELEGATION.CAP_REACHED',
          `The event accepts at most ${cap} ${group.replace('_', '-')} delegations; ${approved} are approved, ` +
            `so ${Math.max(0, cap - approved)} more can be (${requested} requested)`,
          { group, cap, approved, requested },
        );
      }
    }
  }

  private async roomLeft(manager: EntityManager, event: Event, group: KindGroup): Promise<number> {
    const cap = capOf(event, group);
    if (cap === null) return Number.POSITIVE_INFINITY;
    return Math.max(0, cap - (await this.countApproved(manager, event.id, group)));
  }

  private countApproved(manager: EntityManager, eventId: string, group: KindGroup): Promise<number> {
    return manager.countBy(Delegation, { eventId, status: Approved, kind: In(groupKinds(group)) });
  }

  private async lockEvent(manager: EntityManager, eventId: string): Promise<Event> {
    const event = await manager
      .createQueryBuilder(Event, 'e')
      .setLock('pessimistic_write')
      .where('e.id = :eventId', { eventId })
      .getOne();
    if (!event) throw notFound('Event', eventId);
    return event;
  }

  /** Locks in id order, so two bulk requests over overlapping sets cannot deadlock. */
  private async lockDelegations(manager: EntityManager, eventId: string, ids: string[]): Promise<Delegation[]> {
    const delegations = await manager
      .createQueryBuilder(Delegation, 'd')
      .setLock('pessimistic_write')
      .where('d.event_id = :eventId AND d.id IN (:...ids)', { eventId, ids })
      .orderBy('d.id', 'ASC')
      .getMany();
    await this.loadParticipants(manager, delegations);
    return delegations;
  }

  private async loadParticipants(manager: EntityManager, delegations: Delegation[]): Promise<void> {
    const ids = delegations.map((d) => d.participantId).filter((id): id is string => id !== null);
    if (!ids.length) return;
    const participants = await manager.findBy(Participant, { id: In(ids) });
    for (const d of delegations) d.participant = participants.find((p) => p.id === d.participantId) ?? null;
  }
}
