import type { EntityManager } from 'typeorm';
import type { Recipient } from '@accord/notifications';
import { Delegation } from '../delegation.entity.js';
import { DelegationMember } from '../delegation-member.entity.js';
import { DelegationStatus, type DelegationKind } from '../delegation-kind.js';

/**
 * The people of the approved delegations of an event, optionally of some kinds only: each focal point and every
 * member with an email, each in their own language. One person on two lists gets one mail (the pipeline
 * deduplicates by address).
 */
export async function approvedDelegationRecipients(
  manager: EntityManager,
  eventId: string,
  kinds?: readonly DelegationKind[],
): Promise<Recipient[]> {
  const query = manager
    .getRepository(Delegation)
    .createQueryBuilder('d')
    .where('d.eventId = :eventId', { eventId })
    .andWhere('d.status = :status', { status: DelegationStatus.Approved });
  if (kinds?.length) query.andWhere('d.kind IN (:...kinds)', { kinds });
  const delegations = await query.getMany();
  if (!delegations.length) return [];
  const members = await manager
    .getRepository(DelegationMember)
    .createQueryBuilder('m')
    .where('m.delegationId IN (:...ids)', { ids: delegations.map((d) => d.id) })
    .andWhere('m.email IS NOT NULL')
    .getMany();
  return [
    ...delegations.map((d) => ({
      email: d.focalPointEmail,
      name: d.focalPointName,
      language: d.focalPointLanguage,
      delegationId: d.id,
    })),
    ...members.map((m) => ({
      email: m.email!,
      name: m.fullName,
      language: m.preferredLanguage,
      delegationId: m.delegationId,
      personId: m.id,
    })),
  ];
}
