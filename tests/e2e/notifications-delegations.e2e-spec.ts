import type { INestApplicationContext } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { bearer, createEvent, register, statePayload } from '../support/delegation-fixtures.js';
import { FAST_PIPELINE } from '../support/notification-fixtures.js';
import { parseMail, rawHeader, SmtpSink } from '../support/smtp-sink.js';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { startTestWorker } from '../support/test-worker.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';
import { waitFor } from '../support/wait-for.js';

describe('Delegation notifications (e2e)', () => {
  let sink: SmtpSink;
  let receiver: WebhookReceiver;
  let api: TestApi;
  let worker: INestApplicationContext;
  let eventId: string;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    receiver = await WebhookReceiver.start();
    api = await startTestApi({ ...FAST_PIPELINE, SMTP_URL: sink.url });
    worker = await startTestWorker(api.config);
    eventId = await createEvent(api);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await receiver?.close();
    await sink?.close();
  });

  it('should tell the focal point, in French, that the registration was received and then approved, with no unsubscribe', async () => {
    const hook = await api.app.inject({
      method: 'POST',
      url: '/v1/webhooks',
      headers: bearer(await api.adminToken()),
      payload: { url: receiver.url('/console'), kinds: ['delegation.status_changed'], eventId },
    });
    const { secret } = hook.json();
    const focalPoint = { name: 'Lan Pham', email: 'lan.pham@mofa.gov.example', language: 'fr' };
    const delegation = await register(api, eventId, statePayload('VNM', { focalPoint }));
    const received = await waitFor(
      () => sink.acceptedFor(focalPoint.email),
      (m) => m.length === 1,
      {
        what: 'the acknowledgement',
      },
    );
    const ack = await parseMail(received[0]!);
    expect(ack.subject).toMatch(/^Hanoi Convention – Inscription reçue\u00a0: .+/);
    expect(ack.headers.get('content-language')).toBe('fr');
    expect(ack.text).toContain('Bonjour Lan Pham,');
    expect(ack.text).toContain('Membres\u00a0: 2');
    expect(rawHeader(ack, 'list-unsubscribe')).toBe('');
    expect(ack.text).not.toMatch(/annonces/);

    const approved = await api.app.inject({
      method: 'POST',
      url: `/v1/events/${eventId}/delegations/${delegation.id}/transitions`,
      headers: bearer(await api.tokenFor('protocol')),
      payload: { to: 'approved' },
    });
    expect(approved.statusCode).toBe(200);
    const both = await waitFor(
      () => sink.acceptedFor(focalPoint.email),
      (m) => m.length === 2,
      {
        what: 'the approval',
      },
    );
    const approval = await parseMail(both[1]!);
    expect(approval.subject).toMatch(/^Hanoi Convention – Inscription approuvée\u00a0: /);
    expect(approval.text).toMatch(/est approuvée\./);

    // Organisers' systems hear about the status change, signed; the acknowledgement is not a kind they subscribed to.
    const [call] = await waitFor(
      () => receiver.on('/console'),
      (calls) => calls.length === 1,
      { what: 'the webhook' },
    );
    const payload = new Webhook(secret).verify(call!.body, call!.headers as Record<string, string>);
    expect(payload).toMatchObject({
      type: 'delegation.status_changed',
      data: { eventId, delegationId: delegation.id, from: 'submitted', to: 'approved' },
    });
  });
});
