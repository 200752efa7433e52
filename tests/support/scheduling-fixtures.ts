import { DataSource } from 'typeorm';
import { buildCatalogue } from '@accord/delegations';
import { SchedulingClock } from '@accord/scheduling';
import type { TestApi } from './test-api.js';
import { bearer, organisationPayload, statePayload, uniqueSuffix } from './delegation-fixtures.js';

/** The codes of the first `count` States of the catalogue (Viet Nam first when asked for). */
export function stateCodes(count: number, offset = 0): string[] {
  return buildCatalogue()
    .filter((p) => p.kind === 'state')
    .slice(offset, offset + count)
    .map((p) => p.code);
}

export interface Party {
  id: string;
  token: string;
  memberIds: string[];
}

/** Registers a delegation as an organiser (no throttle) and returns its id, focal-point token and member ids. */
export async function registerAs(api: TestApi, eventId: string, payload: Record<string, unknown>): Promise<Party> {
  const res = await api.app.inject({
    method: 'POST',
    url: `/v1/events/${eventId}/delegations`,
    headers: bearer(await api.adminToken()),
    payload,
  });
  if (res.statusCode !== 201) throw new Error(`registration failed: ${res.statusCode} ${res.body}`);
  const body = res.json() as { delegation: { id: string; members: { id: string }[] }; focalPointToken: string };
  return { id: body.delegation.id, token: body.focalPointToken, memberIds: body.delegation.members.map((m) => m.id) };
}

/** Approves delegations in bulk (chunks of 200). */
export async function approve(api: TestApi, eventId: string, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 200) {
    const res = await api.app.inject({
      method: 'POST',
      url: `/v1/events/${eventId}/delegations/bulk-transitions`,
      headers: bearer(await api.adminToken()),
      payload: { delegationIds: ids.slice(i, i + 200), to: 'approved' },
    });
    if (res.statusCode !== 200) throw new Error(`approval failed: ${res.statusCode} ${res.body}`);
  }
}

/** Approved State delegations, each with a head who will sign and an adviser. */
export async function approvedStates(api: TestApi, eventId: string, codes: string[]): Promise<Party[]> {
  const parties: Party[] = [];
  for (const code of codes) parties.push(await registerAs(api, eventId, statePayload(code)));
  await approve(
    api,
    eventId,
    parties.map((p) => p.id),
  );
  return parties;
}

/** An approved NGO with `members` members (all with an address). */
export async function approvedOrganisation(api: TestApi, eventId: string, name: string, members = 1): Promise<Party> {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const party = await registerAs(
    api,
    eventId,
    organisationPayload('ngo', name, {
      members: Array.from({ length: members }, (_, i) => ({
        fullName: `Member ${i + 1} of ${name}`,
        role: i === 0 ? 'head' : 'member',
        email: `m${i + 1}@${slug}.example`,
      })),
    }),
  );
  await approve(api, eventId, [party.id]);
  return party;
}

export async function createRoom(
  api: TestApi,
  eventId: string,
  token: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const res = await api.app.inject({
    method: 'POST',
    url: `/v1/events/${eventId}/rooms`,
    headers: bearer(token),
    payload: { name: `Room ${uniqueSuffix()}`, capacity: 100, ...overrides },
  });
  if (res.statusCode !== 201) throw new Error(`room creation failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

/** A session payload on 25 October 2025, 10:00–11:00 in Hanoi; override anything. */
export function sessionPayload(roomId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'side_event',
    titleEn: 'Electronic evidence across borders',
    titleFr: 'La preuve électronique au-delà des frontières',
    roomId,
    startsAt: '2025-10-25T10:00:00+07:00',
    endsAt: '2025-10-25T11:00:00+07:00',
    ...overrides,
  };
}

export async function createSession(
  api: TestApi,
  eventId: string,
  token: string,
  payload: Record<string, unknown>,
  publish = false,
): Promise<string> {
  const res = await api.app.inject({
    method: 'POST',
    url: `/v1/events/${eventId}/sessions`,
    headers: bearer(token),
    payload,
  });
  if (res.statusCode !== 201) throw new Error(`session creation failed: ${res.statusCode} ${res.body}`);
  const id = (res.json() as { id: string }).id;
  if (publish) {
    const published = await api.app.inject({
      method: 'POST',
      url: `/v1/events/${eventId}/sessions/${id}/publish`,
      headers: bearer(token),
    });
    if (published.statusCode !== 200) throw new Error(`publish failed: ${published.statusCode} ${published.body}`);
  }
  return id;
}

/** Sets the scheduling clock (the time "now" for past-slot rules and reminders); returns a function restoring it. */
export function setClock(api: TestApi, iso: string): () => void {
  const clock = api.app.get(SchedulingClock);
  const original = clock.now.bind(clock);
  clock.now = () => new Date(iso);
  return () => {
    clock.now = original;
  };
}

export interface OutboxRow {
  id: string;
  kind: string;
  recipients: { email: string; delegationId?: string; personId?: string }[];
  data: Record<string, unknown>;
  deliver_after: Date | null;
  expires_at: Date | null;
}

export async function outboxRows(api: TestApi, kind: string, match: Record<string, unknown>): Promise<OutboxRow[]> {
  return api.app.get(DataSource).query(
    `SELECT id, kind, recipients, data, deliver_after, expires_at FROM outbox_messages
        WHERE kind = $1 AND data @> $2::jsonb ORDER BY created_at, deliver_after NULLS FIRST, id`,
    [kind, JSON.stringify(match)],
  );
}
