import { randomUUID } from 'node:crypto';
import type { TestApi } from './test-api.js';
import { bearer, register, statePayload, type Registered } from './delegation-fixtures.js';

/** A tiny but real PDF (file-type recognises it by its header). */
export const MINIMAL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** A 1×1 PNG. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** A multipart/form-data body with one `file` part. */
export function multipart(fileName: string, content: Buffer, contentType = 'application/pdf') {
  const boundary = `----accord${randomUUID()}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A signature payload for a State signing in an exempt capacity, at the given time; override anything. */
export function signaturePayload(code: string, signedAt: string, overrides: Record<string, unknown> = {}) {
  return {
    participantCode: code,
    signatoryName: `Minister for Foreign Affairs of ${code}`,
    capacity: 'minister_for_foreign_affairs',
    signedAt,
    ...overrides,
  };
}

/** Records a signature as a treaty officer and returns the raw response. */
export async function recordSignature(api: TestApi, token: string, eventId: string, payload: Record<string, unknown>) {
  return api.app.inject({
    method: 'POST',
    url: `/v1/events/${eventId}/signatures`,
    headers: bearer(token),
    payload,
  });
}

/** Registers a State delegation, names an ambassador as its signatory and uploads their full powers (pending). */
export async function delegationWithFullPowers(
  api: TestApi,
  eventId: string,
  code: string,
  signatory = `Ambassador of ${code}`,
): Promise<Registered & { fullPowersId: string }> {
  const delegation = await register(api, eventId, statePayload(code, code === 'EU' ? { kind: 'reio' } : {}));
  const designated = await api.app.inject({
    method: 'PUT',
    url: `/v1/events/${eventId}/delegations/${delegation.id}/signatory`,
    headers: bearer(delegation.token),
    payload: { fullName: signatory, title: 'Permanent Representative', capacity: 'other' },
  });
  if (designated.statusCode !== 200) throw new Error(`designation failed: ${designated.statusCode} ${designated.body}`);
  const { payload, headers } = multipart('full-powers.pdf', MINIMAL_PDF);
  const uploaded = await api.app.inject({
    method: 'POST',
    url: `/v1/events/${eventId}/delegations/${delegation.id}/full-powers`,
    headers: { ...headers, ...bearer(delegation.token) },
    payload,
  });
  if (uploaded.statusCode !== 201) throw new Error(`upload failed: ${uploaded.statusCode} ${uploaded.body}`);
  return { ...delegation, fullPowersId: (uploaded.json() as { id: string }).id };
}

/** Verifies (or rejects) full powers as a treaty officer. */
export async function review(
  api: TestApi,
  token: string,
  eventId: string,
  fullPowersId: string,
  body: { status: 'verified' | 'rejected'; reason?: string },
) {
  return api.app.inject({
    method: 'POST',
    url: `/v1/events/${eventId}/full-powers/${fullPowersId}/review`,
    headers: bearer(token),
    payload: body,
  });
}

/** `count` distinct State codes from the catalogue, host first when asked. */
export async function stateCodes(api: TestApi, count: number, first: string[] = []): Promise<string[]> {
  const res = await api.app.inject({ method: 'GET', url: '/v1/participants?kind=state' });
  const all = (res.json() as { items: Array<{ code: string }> }).items.map((p) => p.code);
  return [...first, ...all.filter((c) => !first.includes(c))].slice(0, count);
}
