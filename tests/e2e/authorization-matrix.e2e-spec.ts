import { randomUUID } from 'node:crypto';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { bearer, createEvent, statePayload } from '../support/delegation-fixtures.js';
import { approve, createRoom, createSession, registerAs, sessionPayload } from '../support/scheduling-fixtures.js';

type Caller = 'anonymous' | 'focal-point-A' | 'focal-point-B' | 'admin' | 'protocol' | 'treaty' | 'viewer';
// Focal point A before the organisers: an organiser's write (a reissued token) must not change what A is tested with.
const CALLERS: Caller[] = ['anonymous', 'focal-point-B', 'focal-point-A', 'viewer', 'treaty', 'protocol', 'admin'];
const ROLES = ['admin', 'protocol', 'treaty', 'viewer'];

interface Operation {
  method: string;
  path: string;
  access: string[];
  pathParams: string[];
}

interface World {
  ids: Record<string, string>;
  tokens: Record<Caller, string | undefined>;
  /** Strings that identify delegation A: none may reach focal point B. */
  secretsOfA: string[];
}

const hasBody = (op: Operation) => op.method === 'POST' || op.method === 'PATCH' || op.method === 'PUT';

/** The policy, read from the route's `@Access` (published as `x-access`): what this caller must get. */
function expected(op: Operation, caller: Caller): 'allowed' | 401 | 403 | 404 {
  if (op.access.includes('anyone')) return 'allowed';
  if (caller === 'anonymous') return 401;
  if (caller === 'focal-point-A' || caller === 'focal-point-B') {
    if (!op.access.includes('focal-point')) return 403;
    // Object-level: another delegation's objects do not exist for this focal point.
    return caller === 'focal-point-B' && op.pathParams.includes('delegationId') ? 404 : 'allowed';
  }
  const organiserRoles = op.access.filter((a) => ROLES.includes(a));
  if (organiserRoles.length === 0) return 403;
  return caller === 'admin' || organiserRoles.includes(caller) ? 'allowed' : 403;
}

/**
 * For every operation and every kind of caller, the answer is the one the declared policy says: never another
 * delegation's data (object level), never an organiser action for a focal point (function level).
 */
describe('Authorization matrix (e2e)', () => {
  let api: TestApi;
  let operations: Operation[];
  const roleTokens: Partial<Record<Caller, string>> = {};

  beforeAll(async () => {
    api = await startTestApi({
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '10000000',
      RATE_LIMIT_AUTHENTICATED_PER_MINUTE: '10000000',
      RATE_LIMIT_REGISTRATIONS_PER_HOUR: '1000000',
    });
    const doc = (await api.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    type Doc = Record<
      string,
      Record<string, { 'x-access': string[]; responses?: Record<string, { content?: Record<string, unknown> }> }>
    >;
    operations = Object.entries(doc.paths as Doc).flatMap(([path, item]) =>
      Object.entries(item)
        // A stream never ends, so inject would wait forever; the SSE suite checks it over real HTTP.
        .filter(([, op]) => !op.responses?.['200']?.content?.['text/event-stream'])
        .map(([method, op]) => ({
          method: method.toUpperCase(),
          path,
          access: op['x-access'],
          pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
        })),
    );
    roleTokens.admin = await api.adminToken();
    for (const role of ['protocol', 'treaty', 'viewer'] as const) roleTokens[role] = await api.tokenFor(role);
  });
  afterAll(async () => api.close());

  /** A fresh ceremony with two approved State delegations A and B and a published session. */
  async function buildWorld(): Promise<World> {
    const admin = roleTokens.admin!;
    const eventId = await createEvent(api);
    const a = await registerAs(api, eventId, statePayload('VNM'));
    const b = await registerAs(api, eventId, statePayload('FRA'));
    await approve(api, eventId, [a.id, b.id]);
    const roomId = await createRoom(api, eventId, admin);
    const sessionId = await createSession(api, eventId, admin, sessionPayload(roomId), true);
    const me = (await api.app.inject({ method: 'GET', url: '/v1/auth/me', headers: bearer(admin) })).json();
    return {
      ids: { eventId, delegationId: a.id, memberId: a.memberIds[0]!, roomId, sessionId, userId: me.id },
      tokens: {
        ...roleTokens,
        anonymous: undefined,
        'focal-point-A': a.token,
        'focal-point-B': b.token,
      } as World['tokens'],
      secretsOfA: [a.id, 'focal.vnm@mfa.example', 'Head VNM'],
    };
  }

  it('should give every caller exactly what each route declares, and never delegation A to focal point B', async () => {
    let shared = await buildWorld();
    const failures: string[] = [];
    let cells = 0;
    for (const op of operations) {
      // Writes may change the world (a token reissued, a member removed): each write gets a fresh one.
      const world = op.method === 'GET' ? shared : await buildWorld();
      const url = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => world.ids[name] ?? randomUUID());
      for (const caller of CALLERS) {
        cells += 1;
        const token = world.tokens[caller];
        const res = await api.app.inject({
          method: op.method as 'GET',
          url,
          headers: { ...(token ? bearer(token) : {}), ...(hasBody(op) ? { 'content-type': 'application/json' } : {}) },
          payload: hasBody(op) ? '{}' : undefined,
        });
        const want = expected(op, caller);
        const label = `${op.method} ${op.path} as ${caller}: got ${res.statusCode}, want ${want}`;
        if (res.statusCode >= 500) failures.push(label);
        else if (want === 'allowed' ? res.statusCode === 401 || res.statusCode === 403 : res.statusCode !== want)
          failures.push(label);
        if (caller === 'focal-point-B' && !op.access.includes('anyone')) {
          // An id the caller itself put in the URL may be echoed back ("Delegation … was not found"); nothing else.
          const leaked = world.secretsOfA.filter((secret) => res.body.includes(secret) && !url.includes(secret));
          if (leaked.length) failures.push(`${op.method} ${op.path} leaked delegation A to focal point B`);
        }
      }
      if (op.method !== 'GET') shared = op.path.includes('focal-point-token') ? await buildWorld() : shared;
    }
    console.log(`authorization matrix: ${operations.length} operations × ${CALLERS.length} callers = ${cells} cells`);
    expect(failures).toEqual([]);
  }, 600_000);

  it('should answer 404 to a focal point for an unknown delegation id exactly as for a foreign one', async () => {
    const world = await buildWorld();
    const scoped = operations.filter(
      (op) => op.method === 'GET' && op.pathParams.includes('delegationId') && op.access.includes('focal-point'),
    );
    expect(scoped.length).toBeGreaterThan(0);
    for (const op of scoped) {
      const call = (delegationId: string) =>
        api.app.inject({
          method: 'GET',
          url: op.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
            name === 'delegationId' ? delegationId : (world.ids[name] ?? randomUUID()),
          ),
          headers: bearer(world.tokens['focal-point-B']!),
        });
      const unknown = await call(randomUUID());
      const foreign = await call(world.ids.delegationId!);
      expect([op.path, unknown.statusCode, unknown.json().code]).toEqual([op.path, 404, foreign.json().code]);
      expect(foreign.statusCode).toBe(404);
    }
  });
});
