import { DataSource } from 'typeorm';
import { NotificationQueues, QueueName } from '@accord/notifications';
import type { TestApi } from './test-api.js';
import { waitFor } from './wait-for.js';

export const HANOI_EVENT = {
  slug: 'hanoi-2025',
  name: 'Signing ceremony of the United Nations Convention against Cybercrime',
  treatyTitle: 'United Nations Convention against Cybercrime',
  treatyShortTitle: 'Hanoi Convention',
  venue: 'National Convention Center',
  city: 'Hanoi',
  timeZone: 'Asia/Ho_Chi_Minh',
  startsOn: '2025-10-25',
  endsOn: '2025-10-26',
};

/** Settings that make the pipeline quick in tests: fast polling and backoff, no rate limit to speak of. */
export const FAST_PIPELINE = {
  OUTBOX_POLL_MS: '50',
  NOTIFICATION_BACKOFF_MS: '50',
  NOTIFICATION_ATTEMPTS: '3',
  EMAIL_RATE_PER_SECOND: '10000',
  WEBHOOK_RATE_PER_SECOND: '10000',
  PUBLIC_URL: 'https://accord.example.org',
};

export async function createEvent(api: TestApi, overrides: Record<string, unknown> = {}): Promise<{ id: string }> {
  const res = await api.app.inject({
    method: 'POST',
    url: '/v1/events',
    headers: { authorization: `Bearer ${await api.adminToken()}` },
    payload: { ...HANOI_EVENT, ...overrides },
  });
  if (res.statusCode !== 201) throw new Error(`event creation failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

export async function announce(
  api: TestApi,
  eventId: string,
  payload: Record<string, unknown>,
): Promise<{ id: string; recipientCount: number }> {
  const res = await api.app.inject({
    method: 'POST',
    url: `/v1/events/${eventId}/announcements`,
    headers: { authorization: `Bearer ${await api.adminToken()}` },
    payload,
  });
  if (res.statusCode !== 201) throw new Error(`announcement failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

export interface DeliveryRow {
  id: string;
  channel: string;
  status: string;
  recipientKey: string;
  attempts: number;
  lastError: string | null;
}

/** The deliveries of an announcement, straight from PostgreSQL. */
export async function deliveriesOf(api: TestApi, announcementId: string): Promise<DeliveryRow[]> {
  return api.app.get(DataSource).query(
    `SELECT d.id, d.channel, d.status, d.recipient_key AS "recipientKey", d.attempts, d.last_error AS "lastError"
     FROM notification_deliveries d JOIN announcements a ON a.outbox_message_id = d.outbox_message_id
     WHERE a.id = $1 ORDER BY d.recipient_key`,
    [announcementId],
  );
}

/** Waits until every delivery of an announcement has left `queued`/`failed` (sent, dead or skipped). */
export async function settled(api: TestApi, announcementId: string, expected: number, timeoutMs = 30_000) {
  return waitFor(
    () => deliveriesOf(api, announcementId),
    (rows) => rows.length === expected && rows.every((d) => !['queued', 'failed'].includes(d.status)),
    { timeoutMs, what: `${expected} settled deliveries` },
  );
}

/** Waits until the suite's queues hold no waiting, delayed or active job. */
export async function queuesDrained(api: TestApi, timeoutMs = 30_000): Promise<void> {
  const queues = api.app.get(NotificationQueues);
  await waitFor(
    async () => {
      const counts = await Promise.all(
        Object.values(QueueName).map((name) =>
          queues.get(name).getJobCounts('waiting', 'delayed', 'active', 'prioritized'),
        ),
      );
      return counts.every((c) => Object.values(c).every((n) => n === 0));
    },
    Boolean,
    { timeoutMs, what: 'drained queues' },
  );
}
