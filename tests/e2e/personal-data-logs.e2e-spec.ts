import { Writable } from 'node:stream';
import { createLogger, loadConfig } from '@accord/core';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { testEnv, TEST_ADMIN } from '../support/test-api.js';
import { eventPayload, nextClientAddress, statePayload } from '../support/delegation-fixtures.js';

/** Personal data of the people registered in this test: none of it may appear in any log line. */
const PERSONAL = {
  focalEmail: 'nguyen.focal@mofa.example',
  focalPhone: '+84 24 3799 2682',
  headName: 'Tran Thi Minh Chau',
  headEmail: 'head.of.delegation@mofa.example',
  headPhone: '+84 91 555 0101',
};

describe('Personal data in logs (e2e)', () => {
  let database: TestDatabase;
  const lines: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.drop());

  it('should keep emails, phones, names and tokens out of every log line of a full registration', async () => {
    const config = loadConfig(testEnv(database, { LOG_LEVEL: 'trace' }));
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = await createApiApp({ config, logger: createLogger(config, 'api', stream) });
    try {
      const login = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: TEST_ADMIN });
      const admin = { authorization: `Bearer ${login.json().accessToken}` };
      const event = await app.inject({ method: 'POST', url: '/v1/events', headers: admin, payload: eventPayload() });
      const eventId = event.json().id;
      const form = statePayload('VNM', {
        focalPoint: { name: 'Focal Point', email: PERSONAL.focalEmail, phone: PERSONAL.focalPhone, language: 'fr' },
        members: [
          {
            fullName: PERSONAL.headName,
            role: 'head',
            willSign: true,
            email: PERSONAL.headEmail,
            phone: PERSONAL.headPhone,
          },
        ],
      });
      const registered = await app.inject({
        method: 'POST',
        url: `/v1/events/${eventId}/delegations`,
        payload: form,
        remoteAddress: nextClientAddress(),
      });
      expect(registered.statusCode).toBe(201);
      const { delegation, focalPointToken } = registered.json();
      // The same State again (409), a malformed form (400), a focal-point read, an organiser approval.
      const duplicate = await app.inject({
        method: 'POST',
        url: `/v1/events/${eventId}/delegations`,
        payload: form,
        remoteAddress: nextClientAddress(),
      });
      expect(duplicate.statusCode).toBe(409);
      const invalid = await app.inject({
        method: 'POST',
        url: `/v1/events/${eventId}/delegations`,
        payload: {
          ...form,
          focalPoint: { ...(form.focalPoint as object), email: `not-an-email ${PERSONAL.focalPhone}` },
        },
        remoteAddress: nextClientAddress(),
      });
      expect(invalid.statusCode).toBe(400);
      const read = await app.inject({
        method: 'GET',
        url: `/v1/events/${eventId}/delegations/${delegation.id}`,
        headers: { authorization: `Bearer ${focalPointToken}` },
      });
      expect(read.statusCode).toBe(200);
      const approved = await app.inject({
        method: 'POST',
        url: `/v1/events/${eventId}/delegations/${delegation.id}/transitions`,
        headers: admin,
        payload: { to: 'approved' },
      });
      expect(approved.statusCode).toBeLessThan(300);

      const log = lines.join('');
      expect(lines.length).toBeGreaterThan(10); // the capture really saw the requests
      for (const value of [
        ...Object.values(PERSONAL),
        focalPointToken,
        TEST_ADMIN.password,
        login.json().accessToken,
      ]) {
        expect(log).not.toContain(value);
      }
    } finally {
      await app.close();
    }
  });
});
