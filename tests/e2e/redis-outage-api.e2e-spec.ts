import { createEvent, nextClientAddress, organisationPayload } from '../support/delegation-fixtures.js';
import { PrivateRedis } from '../support/private-redis.js';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { waitFor } from '../support/wait-for.js';

/**
 * What the API answers while Redis is away (found by the Redis fault drills, `npm run drill`): calls that need Redis
 * fail with 503, everything else keeps working, and nothing waits on a Redis that hangs.
 */
describe('The API while Redis is down or hung (e2e)', () => {
  let redis: PrivateRedis;
  let api: TestApi;
  let admin: string;
  let eventId: string;

  beforeAll(async () => {
    // A Redis of this suite's own, to kill and freeze: the machine's Redis is shared with other suites.
    redis = await PrivateRedis.start();
    api = await startTestApi({ REDIS_URL: redis.url });
    admin = await api.adminToken();
    eventId = await createEvent(api);
  });
  afterAll(async () => {
    redis?.resume();
    await api?.close();
    await redis?.down();
  });

  const dashboard = () =>
    api.app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: { authorization: `Bearer ${admin}` } });

  it('should answer 503 problem+json from the queue dashboard when Redis is down, not a 500', async () => {
    expect((await dashboard()).statusCode).toBe(200);
    await redis.down();
    try {
      const res = await dashboard();
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({
        status: 503,
        code: 'SERVICE.UNAVAILABLE',
        instance: '/admin/queues/api/queues',
      });
      // Everything that does not need Redis keeps working (rate limits and throttles fail open).
      expect((await api.app.inject({ method: 'GET', url: '/v1/events' })).statusCode).toBe(200);
    } finally {
      await redis.up();
    }
  });

  it('should keep answering reads and registrations while Redis hangs (SIGSTOP), not wait for it', async () => {
    // Connected (not failing fast for want of a connection): the requests below really meet a frozen Redis.
    await waitFor(
      () => api.app.inject({ method: 'GET', url: '/health/ready' }),
      (res) => res.statusCode === 200,
      {
        what: 'the API to be connected to Redis',
      },
    );
    redis.pause();
    try {
      // Before the fix every request waited on the rate limiter's Redis call until Redis came back.
      expect((await api.app.inject({ method: 'GET', url: '/v1/events' })).statusCode).toBe(200);
      const registration = await api.app.inject({
        method: 'POST',
        url: `/v1/events/${eventId}/delegations`,
        remoteAddress: nextClientAddress(),
        payload: organisationPayload('ngo', 'Hung Redis Watch'),
      });
      expect(registration.statusCode).toBe(201);
      const ready = await api.app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().checks.redis).toBe('down');
      const queues = await dashboard();
      expect(queues.statusCode).toBe(503);
      expect(queues.headers['content-type']).toContain('application/problem+json');
    } finally {
      redis.resume();
    }
  });
});
