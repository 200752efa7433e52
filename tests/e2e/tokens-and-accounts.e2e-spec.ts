import { createHmac } from 'node:crypto';
import { generate } from 'otplib';
import { startTestApi, TEST_ADMIN, type TestApi } from '../support/test-api.js';

const b64url = (value: object | string) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

function signJwt(header: object, claims: object, secret: string): string {
  const body = `${b64url(header)}.${b64url(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

describe('Tokens and accounts (e2e)', () => {
  let api: TestApi;
  let adminId: string;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    api = await startTestApi({ LOGIN_FAILURES_BEFORE_LOCKOUT: '3' });
    const me = await api.app.inject({
      method: 'GET',
      url: '/v1/auth/me',
      headers: { authorization: `Bearer ${await api.adminToken()}` },
    });
    adminId = me.json().id;
  });
  afterAll(async () => api.close());

  const me = (token: string) =>
    api.app.inject({ method: 'GET', url: '/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
  const claims = (overrides: object = {}) => ({
    sub: adminId,
    roles: ['admin'],
    iss: api.config.jwtIssuer,
    aud: api.config.jwtAudience,
    iat: now(),
    exp: now() + 300,
    ...overrides,
  });

  it('should accept a well-formed token signed with the secret when issuer and audience match', async () => {
    expect((await me(signJwt({ alg: 'HS256', typ: 'JWT' }, claims(), api.config.jwtSecret))).statusCode).toBe(200);
  });

  it.each([
    ['expired', () => signJwt({ alg: 'HS256', typ: 'JWT' }, claims({ exp: now() - 10 }), api.config.jwtSecret)],
    ['alg none', () => `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims())}.`],
    ['wrong audience', () => signJwt({ alg: 'HS256' }, claims({ aud: 'someone-else' }), api.config.jwtSecret)],
    ['wrong issuer', () => signJwt({ alg: 'HS256' }, claims({ iss: 'forger' }), api.config.jwtSecret)],
    ['wrong signature', () => signJwt({ alg: 'HS256' }, claims(), 'x'.repeat(40))],
    ['another algorithm', () => signJwt({ alg: 'HS512' }, claims(), api.config.jwtSecret)],
    ['unknown role only', () => signJwt({ alg: 'HS256' }, claims({ roles: ['superuser'] }), api.config.jwtSecret)],
    ['garbage', () => 'not.a.jwt'],
  ])('should answer 401 when the token is %s', async (_name, token) => {
    const res = await me(token());
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('should refuse a deactivated account at once, even with a still-valid token', async () => {
    const admin = await api.adminToken();
    const create = await api.app.inject({
      method: 'POST',
      url: '/v1/users',
      headers: { authorization: `Bearer ${admin}` },
      payload: {
        email: 'leaver@accord.test',
        displayName: 'Leaver',
        password: 'a-long-enough-password',
        roles: ['protocol'],
      },
    });
    const login = await api.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: 'leaver@accord.test', password: 'a-long-enough-password' },
    });
    const token = login.json().accessToken;
    expect((await me(token)).statusCode).toBe(200);
    await api.app.inject({
      method: 'PATCH',
      url: `/v1/users/${create.json().id}`,
      headers: { authorization: `Bearer ${admin}` },
      payload: { active: false },
    });
    expect((await me(token)).statusCode).toBe(401);
  });

  it('should refuse a password shorter than the policy and roles that do not exist', async () => {
    const res = await api.app.inject({
      method: 'POST',
      url: '/v1/users',
      headers: { authorization: `Bearer ${await api.adminToken()}` },
      payload: { email: 'short@accord.test', displayName: 'Short', password: 'short', roles: ['root'] },
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['password', 'roles']);
  });

  it('should lock an account out with 429 and Retry-After after repeated failures, the right password included', async () => {
    const attempt = (password: string) =>
      api.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'victim@accord.test', password } });
    await api.app.inject({
      method: 'POST',
      url: '/v1/users',
      headers: { authorization: `Bearer ${await api.adminToken()}` },
      payload: {
        email: 'victim@accord.test',
        displayName: 'Victim',
        password: 'the-right-password',
        roles: ['viewer'],
      },
    });
    for (let i = 0; i < 3; i++) expect((await attempt('wrong-guess')).statusCode).toBe(401);
    const locked = await attempt('the-right-password');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('AUTH.LOCKED_OUT');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('should require a TOTP code at login once the second factor is confirmed', async () => {
    const admin = await api.adminToken();
    const enrol = await api.app.inject({
      method: 'POST',
      url: '/v1/auth/totp',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(enrol.statusCode).toBe(201);
    const { secret, otpauthUri } = enrol.json();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    const wrong = await api.app.inject({
      method: 'POST',
      url: '/v1/auth/totp/confirm',
      headers: { authorization: `Bearer ${admin}` },
      payload: { code: '000000' },
    });
    expect(wrong.statusCode).toBe(422);
    const code = await generate({ secret });
    const confirm = await api.app.inject({
      method: 'POST',
      url: '/v1/auth/totp/confirm',
      headers: { authorization: `Bearer ${admin}` },
      payload: { code },
    });
    expect(confirm.statusCode).toBe(204);

    const withoutCode = await api.app.inject({ method: 'POST', url: '/v1/auth/login', payload: TEST_ADMIN });
    expect(withoutCode.statusCode).toBe(401);
    expect(withoutCode.json().code).toBe('AUTH.TOTP_REQUIRED');
    const withCode = await api.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { ...TEST_ADMIN, totpCode: await generate({ secret }) },
    });
    expect(withCode.statusCode).toBe(200);

    const audit = await api.app.inject({
      method: 'GET',
      url: '/v1/audit?action=user.totp_enabled',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(JSON.stringify(audit.json())).not.toContain(secret);
    await api.app.inject({
      method: 'DELETE',
      url: `/v1/auth/totp/${adminId}`,
      headers: { authorization: `Bearer ${admin}` },
    });
  });
});
