import type { FocalPointCaller } from './caller.js';

/** Focal-point tokens carry this prefix so the guard can tell them from organiser JWTs without trying both. */
export const FOCAL_POINT_TOKEN_PREFIX = 'fp_';

/** Implemented by the delegations library: resolves a focal-point token to its delegation, or null. */
export interface FocalPointAuthenticator {
  authenticate(token: string): Promise<FocalPointCaller | null>;
}
export const FOCAL_POINT_AUTHENTICATOR = Symbol('FOCAL_POINT_AUTHENTICATOR');
