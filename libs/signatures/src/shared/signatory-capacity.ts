/**
 * The capacity in which a person signs for a party. Under the Vienna Convention on the Law of Treaties, art.
 * 7(2)(a), heads of State, heads of government and ministers for foreign affairs represent their State without
 * producing full powers; anyone else (another minister, an ambassador, a permanent representative) needs them.
 */
export enum SignatoryCapacity {
  HeadOfState = 'head_of_state',
  HeadOfGovernment = 'head_of_government',
  MinisterForForeignAffairs = 'minister_for_foreign_affairs',
  Other = 'other',
}

export const SIGNATORY_CAPACITIES = Object.values(SignatoryCapacity);

/**
 * The rank UN press releases count signatures by ("2 Heads of State, 1 Head of Government, 19 ministers and 3 other
 * high-ranking officials"). It differs from the capacity: a minister of justice is a "minister" in the press
 * release but signs in capacity `other`, with full powers.
 */
export enum SignatoryRank {
  HeadOfState = 'head_of_state',
  HeadOfGovernment = 'head_of_government',
  Minister = 'minister',
  Official = 'official',
}

export const SIGNATORY_RANKS = Object.values(SignatoryRank);

const EXEMPT: readonly SignatoryCapacity[] = [
  SignatoryCapacity.HeadOfState,
  SignatoryCapacity.HeadOfGovernment,
  SignatoryCapacity.MinisterForForeignAffairs,
];

/**
 * Whether the signatory must produce full powers. The art. 7(2)(a) exemption is about the organs of a State; a
 * regional economic integration organisation's representative always signs with full powers.
 */
export function needsFullPowers(capacity: SignatoryCapacity, partyKind: 'state' | 'reio'): boolean {
  return partyKind === 'reio' || !EXEMPT.includes(capacity);
}

/** The rank implied by the capacity; only capacity `other` leaves a choice (minister or official, default official). */
export function rankFor(capacity: SignatoryCapacity, requested?: SignatoryRank | null): SignatoryRank {
  switch (capacity) {
    case SignatoryCapacity.HeadOfState:
      return SignatoryRank.HeadOfState;
    case SignatoryCapacity.HeadOfGovernment:
      return SignatoryRank.HeadOfGovernment;
    case SignatoryCapacity.MinisterForForeignAffairs:
      return SignatoryRank.Minister;
    case SignatoryCapacity.Other:
      return requested === SignatoryRank.Minister ? SignatoryRank.Minister : SignatoryRank.Official;
  }
}

/** Whether a requested rank contradicts the capacity (e.g. capacity head_of_state with rank minister). */
export function rankContradicts(capacity: SignatoryCapacity, requested: SignatoryRank | null | undefined): boolean {
  if (!requested) return false;
  if (capacity === SignatoryCapacity.Other)
    return requested !== SignatoryRank.Minister && requested !== SignatoryRank.Official;
  return rankFor(capacity) !== requested;
}

/** Names compared the way a treaty officer would: case, accents, punctuation and spacing aside. */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  return norm(a) === norm(b);
}
