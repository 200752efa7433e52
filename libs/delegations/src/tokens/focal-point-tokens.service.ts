import { hash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import {
  FOCAL_POINT_TOKEN_PREFIX,
  secureRandomBytes,
  timeOrderedId,
  type FocalPointAuthenticator,
  type FocalPointCaller,
} from '@accord/core';
import { FocalPointToken } from './focal-point-token.entity.js';

const TOKEN_SHAPE = /^fp_[A-Za-z0-9_-]{43}$/;

export const hashToken = (token: string) => hash('sha256', token, 'hex');

/** A new token: `fp_` and 256 random bits in base64url. */
export const newFocalPointToken = () => `${FOCAL_POINT_TOKEN_PREFIX}${secureRandomBytes(32).toString('base64url')}`;

/** A new token and the row that stores its hash, for a caller that inserts the row itself (a registration). */
export function mintToken(
  delegationId: string,
  issuedBy: string | null,
): { row: Pick<FocalPointToken, 'id' | 'delegationId' | 'tokenHash' | 'issuedBy'>; token: string } {
  const token = newFocalPointToken();
  return { row: { id: timeOrderedId(), delegationId, tokenHash: hashToken(token), issuedBy }, token };
}

export interface IssuedToken {
  id: string;
  token: string;
}

/**
 * Issues, revokes and checks focal-point tokens. Registered as the FOCAL_POINT_AUTHENTICATOR that the API's access
 * guard uses for bearer tokens starting with `fp_`.
 */
@Injectable()
export class FocalPointTokensService implements FocalPointAuthenticator {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Issues a token for the delegation inside the caller's transaction; the plain token is returned once. */
  async issue(manager: EntityManager, delegationId: string, issuedBy: string | null = null): Promise<IssuedToken> {
    const { row, token } = mintToken(delegationId, issuedBy);
    await manager.insert(FocalPointToken, row);
    return { id: row.id, token };
  }

  /** Revokes every live token of the delegation (before reissuing one, or when the focal point changes). */
  async revokeAll(manager: EntityManager, delegationId: string): Promise<number> {
    const result = await manager.update(
      FocalPointToken,
      { delegationId, revokedAt: IsNull() },
      { revokedAt: () => 'now()' },
    );
    return result.affected ?? 0;
  }

  async authenticate(token: string): Promise<FocalPointCaller | null> {
    if (!TOKEN_SHAPE.test(token)) return null;
    const row = await this.dataSource
      .createQueryBuilder(FocalPointToken, 't')
      .innerJoin('t.delegation', 'd')
      .select(['t.id AS "tokenId"', 't.delegation_id AS "delegationId"', 'd.event_id AS "eventId"'])
      .where('t.token_hash = :hash AND t.revoked_at IS NULL', { hash: hashToken(token) })
      .getRawOne<{ tokenId: string; delegationId: string; eventId: string }>();
    return row ? { kind: 'focal-point', ...row } : null;
  }
}
