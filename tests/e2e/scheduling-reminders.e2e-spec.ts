import type { INestApplicationContext } from '@nestjs/common';
import { DateTime } from 'luxon';
import { simpleParser } from 'mailparser';
import { DataSource } from 'typeorm';
import { OutboxRelay } from '../../apps/worker/src/outbox-relay.service.js';
import { FAST_PIPELINE } from '../support/notification-fixtures.js';
import { bearer, createEvent } from '../support/delegation-fixtures.js';
import {
  approvedStates,
  createRoom,
  createSession,
  outboxRows,
  sessionPayload,
} from '../support/scheduling-fixtures.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { startTestWorker } from '../support/test-worker.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Reminders end to end with the real relay and worker. The relay's own loop is stopped and each pass is run by the
 * test; "time passing" is a reminder's deliver_after (or expires_at) set into the past, so nothing sleeps.
 */
describe('Appointment reminders through the relay (e2e)', () => {
  let sink: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext;
  let relay: OutboxRelay;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    api = await startTestApi({ ...FAST_PIPELINE, SMTP_URL: sink.url });
    worker = await startTestWorker(api.config);
    relay = worker.get(OutboxRelay);
    await relay.beforeApplicationShutdown(); // stops the polling loop; relayBatch() still works
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
  });

  const db = () => api.app.get(DataSource);
  const relayAll = async () => {
    while (await relay.relayBatch());
  };
  const mails = async () => Promise.all(sink.accepted.map((m) => simpleParser(m.raw)));
  const subjects = async () => (await mails()).map((m) => m.subject ?? '');

  it('should hold reminders until due, send a due one once, drop an expired one, and none after a cancellation', async () => {
    // An event three days from now (real time: the relay compares with PostgreSQL's clock).
    const day = DateTime.now().setZone('Asia/Ho_Chi_Minh').plus({ days: 3 }).toISODate()!;
    const eventId = await createEvent(api, { startsOn: day, endsOn: day });
    const protocol = await api.tokenFor('protocol');
    const [fra, ita] = await approvedStates(api, eventId, ['FRA', 'ITA']);
    const room = await createRoom(api, eventId, protocol, { name: 'Signing Room' });
    const sessionId = await createSession(
      api,
      eventId,
      protocol,
      sessionPayload(room, { kind: 'signing', startsAt: `${day}T10:00:00+07:00`, endsAt: `${day}T11:00:00+07:00` }),
      true,
    );
    const slots = (
      await api.app.inject({
        method: 'POST',
        url: `/v1/events/${eventId}/sessions/${sessionId}/slots/generate`,
        headers: bearer(protocol),
        payload: { everyMinutes: 10 },
      })
    ).json() as { id: string }[];
    const book = async (token: string, slotId: string) =>
      (
        await api.app.inject({
          method: 'POST',
          url: `/v1/events/${eventId}/signing-appointments`,
          headers: bearer(token),
          payload: { slotId },
        })
      ).json().id as string;
    const france = await book(fra!.token, slots[0]!.id);
    const italy = await book(ita!.token, slots[1]!.id);
    expect(await outboxRows(api, 'appointment.reminder', { appointmentId: france })).toHaveLength(2);

    // Not yet due: the relay leaves them; the booking confirmations go out.
    await relayAll();
    const pending = (id: string) =>
      db().query(
        `SELECT data->>'hoursBefore' AS h, published_at, last_relay_error FROM outbox_messages
          WHERE kind = 'appointment.reminder' AND data->>'appointmentId' = $1 ORDER BY (data->>'hoursBefore')::int`,
        [id],
      ) as Promise<{ h: string; published_at: Date | null; last_relay_error: string | null }[]>;
    expect((await pending(france)).map((r) => r.published_at)).toEqual([null, null]);
    await waitFor(subjects, (s) => s.filter((x) => x.includes('Signing appointment booked')).length === 2, {
      what: 'two booking confirmations',
    });

    // France's 24-hour reminder falls due: sent once, by mail, with the appointment's local time.
    await db().query(
      `UPDATE outbox_messages SET deliver_after = now() - interval '1 second'
        WHERE kind = 'appointment.reminder' AND data->>'appointmentId' = $1 AND data->>'hoursBefore' = '24'`,
      [france],
    );
    await relayAll();
    await relayAll();
    const reminders = await waitFor(
      async () => (await subjects()).filter((s) => s.includes('Reminder: signing appointment tomorrow')),
      (s) => s.length >= 1,
      { what: 'the reminder mail' },
    );
    expect(reminders).toHaveLength(1);
    const mail = (await mails()).find((m) => m.subject?.includes('Reminder: signing appointment tomorrow'))!;
    expect(mail.text).toContain('10:00–10:10 (UTC+7)');
    expect((await pending(france)).map((r) => [r.h, r.published_at !== null])).toEqual([
      ['1', false],
      ['24', true],
    ]);

    // Italy's reminder was never relayed in time (an outage): past its appointment's start it is dropped, unsent.
    await db().query(
      `UPDATE outbox_messages SET deliver_after = now() - interval '2 hours', expires_at = now() - interval '1 hour'
        WHERE kind = 'appointment.reminder' AND data->>'appointmentId' = $1 AND data->>'hoursBefore' = '1'`,
      [italy],
    );
    await relayAll();
    const dropped = (await pending(italy)).find((r) => r.h === '1')!;
    expect(dropped).toMatchObject({ last_relay_error: 'expired' });
    expect(dropped.published_at).not.toBeNull();
    const deliveries: { n: string }[] = await db().query(
      `SELECT count(*) AS n FROM notification_deliveries d JOIN outbox_messages m ON m.id = d.outbox_message_id
        WHERE m.kind = 'appointment.reminder' AND m.data->>'appointmentId' = $1`,
      [italy],
    );
    expect(Number(deliveries[0]!.n)).toBe(0);

    // France cancels: its remaining reminder is withdrawn before it is due, so it never goes out.
    await api.app.inject({
      method: 'POST',
      url: `/v1/events/${eventId}/signing-appointments/${france}/cancel`,
      headers: bearer(fra!.token),
      payload: {},
    });
    expect((await pending(france)).map((r) => r.h)).toEqual(['24']);
    await relayAll();
    await waitFor(subjects, (s) => s.some((x) => x.includes('Signing appointment cancelled')), {
      what: 'the cancellation mail',
    });
    expect((await subjects()).filter((s) => s.includes('Reminder'))).toHaveLength(1);
  });
});
