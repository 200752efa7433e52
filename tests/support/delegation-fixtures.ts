import type { TestApi } from './test-api.js';

/** An event payload with an open registration window; override anything. */
export function eventPayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    slug: `ceremony-${Math.random().toString(36).slice(2, 10)}`,
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
