import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
/** Ceremony fixtures for the benchmarks: an event, the catalogue's State codes, signatures recorded over HTTP. */

/** Creates a ceremony in Hanoi (25–26 October 2025) as the admin; `extra` overrides any field. */
export async function createCeremony(
  apiUrl: string,
  token: string,
  slug: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await fetch(`${apiUrl}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      // Unique per call: benchmarks share one database, and `scale` reruns others.
      slug: `${slug}-${randomBytes(3).toString('hex')}`,
      name: 'Bench ceremony',
      treatyTitle: 'United Nations Convention against Cybercrime',
      treatyShortTitle: 'Hanoi Convention',
      venue: 'National Convention Center',
      city: 'Hanoi',
      timeZone: 'Asia/Ho_Chi_Minh',
      startsOn: '2025-10-25',
      endsOn: '2025-10-26',
      signatureClosesOn: '2026-12-31',
      ...extra,
    }),
  });
  if (res.status !== 201) throw new Error(`event creation failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

export async function stateCodes(apiUrl: string): Promise<string[]> {
  const res = await fetch(`${apiUrl}/v1/participants?kind=state`);
  const body = (await res.json()) as Array<{ code: string }> | { items: Array<{ code: string }> };
  return (Array.isArray(body) ? body : body.items).map((p) => p.code);
}

/**
 * Kept-alive connections for the treaty officers' writes. node:http, not fetch: the load generator shares two cores
 * with the API it measures, and fetch costs it several times more CPU per request (the readers do the same).
 */
const officers = new Agent({ keepAlive: true, maxSockets: 64 });

function post(url: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: officers, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Records a head-of-State signature (no full powers needed) for a party; returns the HTTP status and latency. */
export async function recordSignature(
  apiUrl: string,
  token: string,
  eventId: string,
  code: string,
  signedAt: Date,
): Promise<{ status: number; ms: number }> {
  const body = JSON.stringify({
    participantCode: code,
    signatoryName: `Head of State of ${code}`,
    capacity: 'head_of_state',
    signedAt: signedAt.toISOString(),
  });
  const started = performance.now();
  const status = await post(
    `${apiUrl}/v1/events/${eventId}/signatures`,
    {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      authorization: `Bearer ${token}`,
    },
    body,
  );
  return { status, ms: performance.now() - started };
}

/** An event with `count` States signed on the first day, one minute apart. */
export async function seedSignatories(apiUrl: string, token: string, count: number): Promise<string> {
  const eventId = await createCeremony(apiUrl, token, `bench-summary-${Date.now()}`);
  const codes = (await stateCodes(apiUrl)).slice(0, count);
  const start = Date.parse('2025-10-25T02:00:00Z');
  for (const [i, code] of codes.entries()) {
    const { status } = await recordSignature(apiUrl, token, eventId, code, new Date(start + i * 60_000));
    if (status !== 201) throw new Error(`signature for ${code} failed: ${status}`);
  }
  return eventId;
}
