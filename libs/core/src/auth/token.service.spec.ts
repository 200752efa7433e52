import { jest } from '@jest/globals';
import type { AppConfig } from '../config/app-config.js';
import { TokenService } from './token.service.js';

const config = {
  jwtSecret: 'a-test-secret-that-is-long-enough-for-hs256',
  jwtIssuer: 'accord',
  jwtAudience: 'accord-api',
  jwtTtlSeconds: 60,
} as AppConfig;

describe('TokenService', () => {
  afterEach(() => jest.useRealTimers());

  it('should accept a token it issued, again and again, until it expires', () => {
    jest.useFakeTimers({ now: new Date('2025-10-25T02:00:00Z') });
    const tokens = new TokenService(config);
    const { accessToken } = tokens.issue('user-1', ['treaty']);
    expect(tokens.verify(accessToken)).toEqual({ kind: 'organiser', userId: 'user-1', roles: ['treaty'] });
    jest.setSystemTime(new Date('2025-10-25T02:00:59Z'));
    expect(tokens.verify(accessToken)).toEqual({ kind: 'organiser', userId: 'user-1', roles: ['treaty'] });
    jest.setSystemTime(new Date('2025-10-25T02:01:00Z'));
    expect(tokens.verify(accessToken)).toBeNull();
    expect(tokens.verify(accessToken)).toBeNull();
  });

  it('should refuse a token signed with another key or altered, even after the genuine one was accepted', () => {
    const tokens = new TokenService(config);
    const other = new TokenService({ ...config, jwtSecret: 'another-secret-that-is-long-enough-for-hs256' });
    const { accessToken } = tokens.issue('user-1', ['viewer']);
    expect(tokens.verify(accessToken)).not.toBeNull();
    expect(tokens.verify(other.issue('user-1', ['admin']).accessToken)).toBeNull();
    const [header, , signature] = accessToken.split('.');
    const forgedClaims = Buffer.from(JSON.stringify({ roles: ['admin'], sub: 'user-1' })).toString('base64url');
    expect(tokens.verify(`${header}.${forgedClaims}.${signature}`)).toBeNull();
  });

  it('should hand out a copy of the caller, so a caller changed by one request leaves the next unchanged', () => {
    const tokens = new TokenService(config);
    const { accessToken } = tokens.issue('user-1', ['protocol']);
    tokens.verify(accessToken)!.roles.push('admin');
    expect(tokens.verify(accessToken)!.roles).toEqual(['protocol']);
  });
});
