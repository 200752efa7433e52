import type { Role } from './roles.js';

/**
 * Implemented by the accounts library: the current roles of an organiser account, or null when it no longer
 * exists or is deactivated. The guard consults it on every organiser request, so deactivating an account or
 * removing a role takes effect at once rather than when the token expires.
 */
export interface OrganiserDirectory {
  currentRoles(userId: string): Promise<Role[] | null>;
}
export const ORGANISER_DIRECTORY = Symbol('ORGANISER_DIRECTORY');
