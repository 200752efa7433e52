import { Writable } from 'node:stream';
import ical, { type CalendarResponse, type VEvent, type VTimeZone } from 'node-ical';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createLogger, loadConfig } from '@accord/core';
import { SchedulingClock } from '@accord/scheduling';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { TEST_ADMIN, testEnv, type TestApi } from '../support/test-api.js';
import { bearer, createEvent } from '../support/delegation-fixtures.js';
import {
  approvedOrganisation,
  approvedStates,
  createRoom,
  createSession,
  sessionPayload,
} from '../support/scheduling-fixtures.js';

const events = (cal: CalendarResponse) =>
  Object.values(cal).filter((c): c is VEvent => (c as { type?: string } | undefined)?.type === 'VEVENT');
const zones = (cal: CalendarResponse) =>
  Object.values(cal).filter((c): c is VTimeZone => (c as { type?: string } | undefined)?.type === 'VTIMEZONE');

describe('iCalendar feeds (e2e)', () => {
  let app: NestFastifyApplication;
  let database: TestDatabase;
  let api: TestApi;
  let protocol: string;
  const logs: string[] = [];

  // Built by hand (not startTestApi) to capture the logs at info level and prove the token never reaches them.
  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadConfig(testEnv(database, { LOG_LEVEL: 'info', RATE_LIMIT_AUTHENTICATED_PER_MINUTE: '100000' }));
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(chunk.toString());
        done();
      },
    });
    app = await createApiApp({ config, logger: createLogger(config, 'api', sink) });
    app.get(SchedulingClock).now = () => new Date('2025-10-20T09:00:00+07:00');
    const login = async (email: string, password: string) =>
      (await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password } })).json()
        .accessToken as string;
    const admin = await login(TEST_ADMIN.email, TEST_ADMIN.password);
    api = {
      app,
      config,
      database,
      adminToken: async () => admin,
      async tokenFor(...roles: string[]) {
        const email = `${roles.join('-')}@accord.test`;
        await app.inject({
          method: 'POST',
          url: '/v1/users',
          headers: bearer(admin),
          payload: { email, displayName: 'x', password: 'a-long-enough-password', roles },
        });
        return login(email, 'a-long-enough-password');
      },
      close: async () => undefined,
    };
    protocol = await api.tokenFor('protocol');
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

  it('should publish the public programme with stable UIDs, times in the event zone, a VTIMEZONE and SEQUENCE bumps', async () => {
    const eventId = await createEvent(api);
    const hall = await createRoom(api, eventId, protocol, { name: 'Plenary Hall' });
    const opening = await createSession(
      api,
      eventId,
      protocol,
      sessionPayload(hall, {
        kind: 'opening',
        titleEn: 'Opening ceremony',
        titleFr: "Cérémonie d'ouverture",
        startsAt: '2025-10-25T09:00:00+07:00',
        endsAt: '2025-10-25T10:00:00+07:00',
      }),
      true,
    );
    await createSession(
      api,
      eventId,
      protocol,
      sessionPayload(hall, { titleEn: 'Draft only', startsAt: '2025-10-25T14:00', endsAt: '2025-10-25T15:00' }),
    );
    const feedUrl = `/v1/events/${eventId}/calendar.ics`;
    const first = await get(feedUrl);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toContain('text/calendar');
    const cal = ical.sync.parseICS(first.body);
    const [event] = events(cal);
    expect(events(cal)).toHaveLength(1);
    expect(event).toMatchObject({
      uid: `session-${opening}@accord`,
      summary: 'Opening ceremony',
      status: 'CONFIRMED',
      location: 'Plenary Hall, National Convention Center, Hanoi',
    });
    expect(Number(event!.sequence)).toBe(1);
    expect(event!.start.toISOString()).toBe('2025-10-25T02:00:00.000Z');
    expect(event!.end!.toISOString()).toBe('2025-10-25T03:00:00.000Z');
    expect(event!.start.tz).toBe('Asia/Ho_Chi_Minh');
    expect(first.body).toContain('DTSTART;TZID=Asia/Ho_Chi_Minh:20251025T090000');
    expect(zones(cal).map((z) => z.tzid)).toEqual(['Asia/Ho_Chi_Minh']);
    expect(first.body).toContain('TZOFFSETTO:+0700');

    // Regenerated: the same bytes, so the same UIDs and an ETag polling apps can revalidate.
    const again = await get(feedUrl);
    expect(again.body).toBe(first.body);
    expect((await get(feedUrl, { 'if-none-match': String(first.headers.etag) })).statusCode).toBe(304);

    // Moved: same UID, SEQUENCE up by one, new time; French on request.
    const move = await app.inject({
      method: 'PATCH',
      url: `/v1/events/${eventId}/sessions/${opening}`,
      headers: bearer(protocol),
      payload: { startsAt: '2025-10-25T09:30:00+07:00', endsAt: '2025-10-25T10:30:00+07:00' },
    });
    expect(move.statusCode).toBe(200);
    const moved = ical.sync.parseICS((await get(`${feedUrl}?lang=fr`)).body);
    const [after] = events(moved);
    expect(after).toMatchObject({ uid: `session-${opening}@accord`, summary: "Cérémonie d'ouverture" });
    expect(Number(after!.sequence)).toBe(2);
    expect(after!.start.toISOString()).toBe('2025-10-25T02:30:00.000Z');
    expect((await get(feedUrl, { 'if-none-match': String(first.headers.etag) })).statusCode).toBe(200);

    // Cancelled: still there, marked CANCELLED, so subscribed calendars remove it.
    await app.inject({
      method: 'POST',
      url: `/v1/events/${eventId}/sessions/${opening}/cancel`,
      headers: bearer(protocol),
      payload: {},
    });
    const [cancelled] = events(ical.sync.parseICS((await get(feedUrl)).body));
    expect(cancelled).toMatchObject({ uid: `session-${opening}@accord`, status: 'CANCELLED' });
    expect(Number(cancelled!.sequence)).toBe(3);
  });

  it('should convert times correctly across a daylight-saving change in the event zone', async () => {
    // Europe/Paris leaves summer time at 03:00 on 26 October 2025.
    const eventId = await createEvent(api, { timeZone: 'Europe/Paris', city: 'Paris' });
    const room = await createRoom(api, eventId, protocol);
    await createSession(
      api,
      eventId,
      protocol,
      sessionPayload(room, { titleEn: 'Saturday', startsAt: '2025-10-25T10:00', endsAt: '2025-10-25T11:00' }),
      true,
    );
    await createSession(
      api,
      eventId,
      protocol,
      sessionPayload(room, { titleEn: 'Sunday', startsAt: '2025-10-26T10:00', endsAt: '2025-10-26T11:00' }),
      true,
    );
    const body = (await get(`/v1/events/${eventId}/calendar.ics`)).body;
    const byTitle = Object.fromEntries(
      events(ical.sync.parseICS(body)).map((e) => [String(e.summary), e.start.toISOString()]),
    );
    expect(byTitle).toEqual({ Saturday: '2025-10-25T08:00:00.000Z', Sunday: '2025-10-26T09:00:00.000Z' });
    expect(body).toContain('DTSTART:20251026T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100');
  });

  it("should serve a delegation's own feed by its token in the query string, and never log the token", async () => {
    const eventId = await createEvent(api);
    const [vnm, other] = await approvedStates(api, eventId, ['VNM', 'LAO']);
    const ngo = await approvedOrganisation(api, eventId, 'ASEANAPOL', 2);
    const signingRoom = await createRoom(api, eventId, protocol, { name: 'Signing table' });
    const signing = await createSession(
      api,
      eventId,
      protocol,
      sessionPayload(signingRoom, {
        kind: 'signing',
        startsAt: '2025-10-25T10:00:00+07:00',
        endsAt: '2025-10-25T11:00:00+07:00',
      }),
      true,
    );
    const slots = (
      await app.inject({
        method: 'POST',
        url: `/v1/events/${eventId}/sessions/${signing}/slots/generate`,
        headers: bearer(protocol),
        payload: { everyMinutes: 10 },
      })
    ).json() as { id: string }[];
    const appointment = (
      await app.inject({
        method: 'POST',
        url: `/v1/events/${eventId}/signing-appointments`,
        headers: bearer(vnm!.token),
        payload: { slotId: slots[0]!.id },
      })
    ).json() as { id: string };
    const sideRoom = await createRoom(api, eventId, protocol, { name: 'Room 2', capacity: 1 });
    const side = await createSession(
      api,
      eventId,
      protocol,
      sessionPayload(sideRoom, {
        titleEn: 'Regional cooperation',
        startsAt: '2025-10-26T14:00:00+07:00',
        endsAt: '2025-10-26T15:15:00+07:00',
      }),
      true,
    );
    // The NGO takes the only seat; Viet Nam's adviser waits for one.
    const seat = (memberId: string, token: string) =>
      app.inject({
        method: 'POST',
        url: `/v1/events/${eventId}/sessions/${side}/attendees`,
        headers: bearer(token),
        payload: { memberId },
      });
    const ngoSeat = (await seat(ngo.memberIds[0]!, ngo.token)).json() as { id: string };
    expect((await seat(vnm!.memberIds[1]!, vnm!.token)).json().status).toBe('waitlisted');

    const feed = `/v1/events/${eventId}/delegations/${vnm!.id}/calendar.ics`;
    const res = await get(`${feed}?token=${vnm!.token}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-cache');
    const parsed = events(ical.sync.parseICS(res.body));
    const byUid = new Map(parsed.map((e) => [e.uid, e]));
    expect(byUid.get(`signing-appointment-${appointment.id}@accord`)).toMatchObject({ status: 'CONFIRMED' });
    expect(byUid.get(`signing-appointment-${appointment.id}@accord`)!.start.toISOString()).toBe(
      '2025-10-25T03:00:00.000Z',
    );
    expect(String(byUid.get(`signing-appointment-${appointment.id}@accord`)!.summary)).toContain('Viet Nam');
    const waiting = byUid.get(`session-${side}@accord`)!;
    expect(waiting.status).toBe('TENTATIVE');
    const before = Number(waiting.sequence);

    // The seat frees up: the entry is confirmed and its SEQUENCE goes up, with the same UID.
    await app.inject({
      method: 'DELETE',
      url: `/v1/events/${eventId}/sessions/${side}/attendees/${ngoSeat.id}`,
      headers: bearer(ngo.token),
    });
    const promoted = events(ical.sync.parseICS((await get(`${feed}?token=${vnm!.token}`)).body)).find(
      (e) => e.uid === `session-${side}@accord`,
    )!;
    expect(promoted.status).toBe('CONFIRMED');
    expect(Number(promoted.sequence)).toBe(before + 1);

    // Without a token, with another delegation's, with a malformed one: refused. Organisers may read it.
    expect((await get(feed)).statusCode).toBe(401);
    expect((await get(`${feed}?token=fp_${'x'.repeat(43)}`)).statusCode).toBe(401);
    expect((await get(`${feed}?token=${other!.token}`)).statusCode).toBe(404);
    expect((await get(feed, bearer(vnm!.token))).statusCode).toBe(200);
    expect((await get(feed, bearer(protocol))).statusCode).toBe(200);
    const refused = await get(`${feed}?token=${other!.token}`);
    expect(refused.body).not.toContain(other!.token);

    const logged = logs.join('');
    expect(logged).toContain('calendar.ics');
    expect(logged).not.toContain(vnm!.token);
    expect(logged).not.toContain(other!.token);
  });
});
