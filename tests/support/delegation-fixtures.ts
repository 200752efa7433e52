import { randomUUID } from 'node:crypto';
import type { TestApi } from './test-api.js';

/**
 * A random suffix for names a table keeps unique (slugs, room names). 48 random bits: Math.random's four base-36
 * characters once gave two rooms of one test the same name (CI, 5 December 2026).
 */
export const uniqueSuffix = (length = 12): string => randomUUID().replaceAll('-', '').slice(0, length);

/** An event payload with an open registration window; override anything. */
export function eventPayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    slug: `ceremony-${uniqueSuffix()}`,
    name: 'Signing ceremony of the United Nations Convention against Cybercrime',
    treatyTitle: 'United Nations Convention against Cybercrime',
    treatyShortTitle: 'Hanoi Convention',
    venue: 'National Convention Center',
    city: 'Hanoi',
    timeZone: 'Asia/Ho_Chi_Minh',
    startsOn: '2025-10-25',
    endsOn: '2025-10-26',
    registrationOpensAt: '2020-01-01T00:00:00+07:00',
    registrationClosesAt: '2099-12-31T23:59:59+07:00',
    ...overrides,
  };
}

/** Creates an event as the admin and returns its id. */
export async function createEvent(api: TestApi, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await api.app.inject({
    method: 'POST',
    url: '/v1/events',
    headers: { authorization: `Bearer ${await api.adminToken()}` },
    payload: eventPayload(overrides),
  });
  if (res.statusCode !== 201) throw new Error(`event creation failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

let clientCounter = 0;
/** A fresh client address, so a suite's registrations don't share one rate-limit bucket. */
export const nextClientAddress = () => {
  clientCounter += 1;
  return `198.51.${Math.floor(clientCounter / 250) % 250}.${(clientCounter % 250) + 1}`;
};

/** A valid public registration form for a State; override anything. */
export function statePayload(code: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'state',
    participantCode: code,
    focalPoint: { name: `Focal Point ${code}`, email: `focal.${code.toLowerCase()}@mfa.example`, language: 'en' },
    members: [
      { fullName: `Head ${code}`, title: 'Minister of Justice', role: 'head', willSign: true },
      { fullName: `Adviser ${code}`, role: 'adviser', email: `adviser.${code.toLowerCase()}@mfa.example` },
    ],
    ...overrides,
  };
}

/** A valid registration form for an organisation of the given kind. */
export function organisationPayload(
  kind: string,
  name: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'organisation';
  return {
    kind,
    organisationName: name,
    focalPoint: { name: `Contact ${name}`, email: `contact@${slug}.example`, language: 'fr' },
    members: [{ fullName: `Director ${name}`, role: 'head' }],
    ...overrides,
  };
}

export interface Registered {
  id: string;
  token: string;
  body: Record<string, unknown>;
}

/** Submits the public form (as an anonymous client from its own address) and expects a 201. */
export async function register(
  api: TestApi,
  eventId: string,
  payload: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Registered> {
  const res = await api.app.inject({
    method: 'POST',
    url: `/v1/events/${eventId}/delegations`,
    payload,
    headers,
    remoteAddress: nextClientAddress(),
  });
  if (res.statusCode !== 201) throw new Error(`registration failed: ${res.statusCode} ${res.body}`);
  const body = res.json() as { delegation: { id: string }; focalPointToken: string };
  return { id: body.delegation.id, token: body.focalPointToken, body: body.delegation };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
