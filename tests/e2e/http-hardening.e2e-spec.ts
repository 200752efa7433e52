import { startTestApi, type TestApi } from '../support/test-api.js';

describe('HTTP hardening (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '5',
      CORS_ORIGINS: 'https://console.accord.test',
      TRUST_PROXY: 'true',
    });
  });
  afterAll(async () => api.close());

  it('should send security headers on every response', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('should allow CORS only for configured origins', async () => {
    const allowed = await api.app.inject({
      method: 'GET',
      url: '/v1/events',
      headers: { origin: 'https://console.accord.test' },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://console.accord.test');
    const other = await api.app.inject({
      method: 'GET',
      url: '/v1/events',
      headers: { origin: 'https://evil.example' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('should answer 429 problem+json with Retry-After when an anonymous client exceeds its limit', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.7' };
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await api.app.inject({ method: 'GET', url: '/v1/events', headers })).statusCode);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    const limited = await api.app.inject({ method: 'GET', url: '/v1/events', headers });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.json().code).toBe('RATE_LIMIT.EXCEEDED');
    // Another client is not affected, and health checks are never limited.
    expect(
      (await api.app.inject({ method: 'GET', url: '/v1/events', headers: { 'x-forwarded-for': '203.0.113.8' } }))
        .statusCode,
    ).toBe(200);
    expect((await api.app.inject({ method: 'GET', url: '/health', headers })).statusCode).toBe(200);
  });

  it('should refuse a body larger than the limit with 413 problem+json', async () => {
    const res = await api.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
      payload: JSON.stringify({ email: 'a@b.org', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('should refuse a body nested past the limit with 400 problem+json, however deep', async () => {
    const nested = (depth: number) => `${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;
    const login = (depth: number, ip: string) =>
      api.app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        // The body itself is one level: the email's value brings the rest.
        payload: `{"email":${nested(depth - 1)},"password":"x"}`,
      });
    // 5,000 levels (30 KB) overflowed class-transformer's recursive copy: a 500 before the cap.
    for (const [depth, ip] of [
      [33, '203.0.113.10'],
      [5000, '203.0.113.11'],
    ] as const) {
      const res = await login(depth, ip);
      expect([depth, res.statusCode]).toEqual([depth, 400]);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('REQUEST.TOO_DEEP');
    }
    // At the limit the body reaches validation, which names the field.
    const atLimit = await login(32, '203.0.113.12');
    expect(atLimit.statusCode).toBe(400);
    expect(atLimit.json()).toMatchObject({
      code: 'VALIDATION.FAILED',
      errors: expect.arrayContaining([expect.objectContaining({ field: 'email' })]),
    });
  });
});
