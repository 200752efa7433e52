// Column values and snapshots shared by the registration, the edits and the review of delegations.
import type { Caller } from '@accord/core';
import type { Delegation } from './delegation.entity.js';
import type { DelegationMember } from './delegation-member.entity.js';
import type { MemberInputDto } from './dto/member-input.dto.js';
import { ActorKind } from './workflow/delegation-transition.entity.js';

export const trimOrNull = (text: string | null | undefined) => {
  const trimmed = text?.trim();
  return trimmed ? trimmed : null;
};

export function memberColumns(delegationId: string, m: MemberInputDto, position: number) {
  return {
    delegationId,
    fullName: m.fullName.trim(),
    title: trimOrNull(m.title),
    email: m.email ? m.email.toLowerCase() : null,
    phone: trimOrNull(m.phone),
    preferredLanguage: m.preferredLanguage ?? 'en',
    role: m.role,
    accessibilityNeeds: trimOrNull(m.accessibilityNeeds),
    protocolNeeds: trimOrNull(m.protocolNeeds),
    willSign: m.willSign ?? false,
    position,
  } satisfies Partial<DelegationMember>;
}

export function actorOf(caller: Caller): { actorKind: ActorKind; actorUserId: string | null } {
  switch (caller.kind) {
    case 'organiser':
      return { actorKind: ActorKind.Organiser, actorUserId: caller.userId };
    case 'focal-point':
      return { actorKind: ActorKind.FocalPoint, actorUserId: null };
    case 'anonymous':
      return { actorKind: ActorKind.Public, actorUserId: null };
  }
}

/** The fields of a delegation worth an audit entry (the audit library redacts e-mails and phones). */
export function delegationSnapshot(d: Delegation): Record<string, unknown> {
  return {
    kind: d.kind,
    participantId: d.participantId,
    organisationName: d.organisationName,
    countryCode: d.countryCode,
    status: d.status,
    statusReason: d.statusReason,
    focalPointName: d.focalPointName,
    focalPointEmail: d.focalPointEmail,
    focalPointPhone: d.focalPointPhone,
    focalPointLanguage: d.focalPointLanguage,
    notes: d.notes,
  };
}
