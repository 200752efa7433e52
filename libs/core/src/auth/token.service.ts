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
}

/** Issues and verifies organiser access tokens: HS256 only, issuer and audience checked, short-lived. */
@Injectable()
export class TokenService {
  private readonly jwt: JwtService;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    // A key object made once: given a string, jsonwebtoken first tries (and fails) to parse it as a public key on
    // every verification, an exception per request.
    this.jwt = new JwtService({ secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) });
  }

  issue(userId: string, roles: Role[]): { accessToken: string; expiresIn: number } {
    const accessToken = this.jwt.sign({ roles } satisfies Omit<AccessClaims, 'sub'>, {
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
    try {
      const claims = this.jwt.verify<AccessClaims>(token, {
        algorithms: ['HS256'],
        issuer: this.config.jwtIssuer,
        audience: this.config.jwtAudience,
      });
      const roles = Array.isArray(claims.roles) ? claims.roles.filter((r) => ORGANISER_ROLES.includes(r)) : [];
      if (typeof claims.sub !== 'string' || roles.length === 0) return null;
      return { kind: 'organiser', userId: claims.sub, roles };
    } catch {
      return null;
    }
  }
}
