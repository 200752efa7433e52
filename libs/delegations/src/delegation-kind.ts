/** Who a delegation represents. `state` and `reio` sign the treaty and reference the participants catalogue. */
export enum DelegationKind {
  State = 'state',
  Reio = 'reio',
  Igo = 'igo',
  UnEntity = 'un_entity',
  Ngo = 'ngo',
  PrivateSector = 'private_sector',
  Academia = 'academia',
}

export const DELEGATION_KINDS = Object.values(DelegationKind);

/** Caps on approved delegations are set per group: governments (States and REIOs) and everyone else. */
export enum KindGroup {
  Government = 'government',
  NonGovernment = 'non_government',
}

export const GOVERNMENT_KINDS: readonly DelegationKind[] = [DelegationKind.State, DelegationKind.Reio];

export function kindGroup(kind: DelegationKind): KindGroup {
  return GOVERNMENT_KINDS.includes(kind) ? KindGroup.Government : KindGroup.NonGovernment;
}

/** A kind that represents a party to the treaty (and therefore references the catalogue). */
export const isPartyKind = (kind: DelegationKind) => GOVERNMENT_KINDS.includes(kind);

export enum DelegationStatus {
  Submitted = 'submitted',
  Approved = 'approved',
  Waitlisted = 'waitlisted',
  Rejected = 'rejected',
  Cancelled = 'cancelled',
}

export const DELEGATION_STATUSES = Object.values(DelegationStatus);

export enum MemberRole {
  Head = 'head',
  Deputy = 'deputy',
  Member = 'member',
  Adviser = 'adviser',
  Security = 'security',
  Media = 'media',
}

export const MEMBER_ROLES = Object.values(MemberRole);

/** SQL list literal of an enum's values, for CHECK constraints that mirror the TypeScript enums. */
export const sqlList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',');
