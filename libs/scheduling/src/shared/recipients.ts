import { focalPointRecipient, type Delegation, type DelegationMember } from '@accord/delegations';
import type { Recipient } from '@accord/notifications';

/** A member as a recipient, when they gave an address. */
export function memberRecipient(member: DelegationMember): Recipient | null {
  if (!member.email) return null;
  return {
    email: member.email,
    name: member.fullName,
    language: member.preferredLanguage,
    delegationId: member.delegationId,
    personId: member.id,
  };
}

/**
 * The focal points of the given delegations and the members directly concerned, each address once (the first
 * occurrence wins, so a focal point who is also a member is addressed as the focal point).
 */
export function recipientsFor(delegations: Delegation[], members: DelegationMember[] = []): Recipient[] {
  const seen = new Set<string>();
  const out: Recipient[] = [];
  for (const r of [...delegations.map(focalPointRecipient), ...members.map(memberRecipient)]) {
    if (!r || seen.has(r.email)) continue;
    seen.add(r.email);
    out.push(r);
  }
  return out;
}
