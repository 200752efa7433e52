import type { Role } from './roles.js';

export interface AnonymousCaller {
  kind: 'anonymous';
}
export interface OrganiserCaller {
  kind: 'organiser';
  userId: string;
  roles: Role[];
}
/** A delegation's focal point, holding a token scoped to exactly one delegation. */
export interface FocalPointCaller {
  kind: 'focal-point';
  delegationId: string;
  eventId: string;
  tokenId: string;
}
export type Caller = AnonymousCaller | OrganiserCaller | FocalPointCaller;

export const ANONYMOUS: AnonymousCaller = { kind: 'anonymous' };

export function isOrganiser(caller: Caller, ...roles: Role[]): caller is OrganiserCaller {
  if (caller.kind !== 'organiser') return false;
  return roles.length === 0 || caller.roles.includes('admin') || roles.some((r) => caller.roles.includes(r));
}
