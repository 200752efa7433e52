import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG } from '../config/config.token.js';
import type { AppConfig } from '../config/app-config.js';
import { ORGANISER_ROLES, type Role } from './roles.js';
import type { OrganiserCaller } from './caller.js';

interface AccessClaims {
  sub: string;
  roles: Role[];
  exp: number;
}

/** Tokens verified and not yet expired, remembered; far more than the organisers signed in at any one time. */
const MAX_REMEMBERED_TOKENS = 10_000;

/** Issues and verifies organiser access tokens: HS256 only, issuer and audience checked, short-lived. */
@Injectable()
export class TokenService {
  private readonly jwt: JwtService;
  /**
   * Verified tokens until they expire. An officer's token comes back with every request for its 15 minutes, and
   * checking its HMAC and claims again each time (jsonwebtoken decodes it through streams) was a visible share of a
   * signature's cost. The same string verified once stays valid until `exp`; roles are re-read per request anyway
   * (OrganiserDirectory), so a deactivated account still loses access at once.
   */
  private readonly verified = new Map<string, { caller: OrganiserCaller; expiresAtMs: number }>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    // A key object made once: given a string, jsonwebtoken first tries (and fails) to parse it as a public key on
    // every verification, an exception per request.
    this.jwt = new JwtService({ secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) });
  }

  issue(userId: string, roles: Role[]): { accessToken: string; expiresIn: number } {
    const accessToken = this.jwt.sign({ roles } satisfies Omit<AccessClaims, 'sub' | 'exp'>, {
      subject: userId,
      algorithm: 'HS256',
      issuer: this.config.jwtIssuer,
      audience: this.config.jwtAudience,
      expiresIn: this.config.jwtTtlSeconds,
    });
    return { accessToken, expiresIn: this.config.jwtTtlSeconds };
  }

  /** Returns the caller, or null for any token that is forged, expired, unsigned or meant for someone else. */
  verify(token: string): OrganiserCaller | null {
    const known = this.verified.get(token);
    if (known) {
      if (Date.now() < known.expiresAtMs) return { ...known.caller, roles: [...known.caller.roles] };
      this.verified.delete(token);
      return null;
    }
    try {
      const claims = this.jwt.verify<AccessClaims>(token, {
        algorithms: ['HS256'],
        issuer: this.config.jwtIssuer,
        audience: this.config.jwtAudience,
      });
      const roles = Array.isArray(claims.roles) ? claims.roles.filter((r) => ORGANISER_ROLES.includes(r)) : [];
      if (typeof claims.sub !== 'string' || roles.length === 0) return null;
      const caller: OrganiserCaller = { kind: 'organiser', userId: claims.sub, roles };
      if (typeof claims.exp === 'number') {
        if (this.verified.size >= MAX_REMEMBERED_TOKENS) this.verified.clear();
        this.verified.set(token, { caller, expiresAtMs: claims.exp * 1000 });
      }
      return { ...caller, roles: [...roles] };
    } catch {
      return null;
    }
  }
}
