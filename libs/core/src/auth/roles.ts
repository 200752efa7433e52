/** Organiser roles. `admin` may do everything any organiser role may. */
export const ORGANISER_ROLES = ['admin', 'protocol', 'treaty', 'viewer'] as const;
export type Role = (typeof ORGANISER_ROLES)[number];

/** Who may call a route: anyone, a delegation's focal point (scoped to its delegation), or organisers by role. */
export type Audience = 'anyone' | 'focal-point' | Role;

/** Every organiser role: for read-only routes open to the whole organising team. */
export const ANY_ORGANISER = ['admin', 'protocol', 'treaty', 'viewer'] as const satisfies readonly Role[];
