import { DataSource } from 'typeorm';
import { seedDelegations } from '../../scripts/seed/seed-delegations.js';
import { seedEvent } from '../../scripts/seed/seed-event.js';
import { seedProgramme } from '../../scripts/seed/seed-programme.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

describe('Demo programme seed (e2e)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => api.close());

  it('should seed a two-day programme and book the approved parties, Viet Nam first, once', async () => {
    const dataSource = api.app.get(DataSource);
    const seed = () =>
      dataSource.transaction(async (manager) => {
        const event = await seedEvent(manager);
        await seedDelegations(manager, event);
        return seedProgramme(manager, event);
      });
    const first = await seed();
    expect(first.sessions).toBeGreaterThan(90);
    expect(first.appointments).toBeGreaterThan(40);
    expect(await seed()).toEqual({ rooms: first.rooms, sessions: 0, appointments: 0 });

    const order: { code: string; day: string }[] = await dataSource.query(
      `SELECT p.code, to_char(s.starts_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day
         FROM signing_appointments a JOIN signing_slots s ON s.id = a.slot_id
         JOIN delegations d ON d.id = a.delegation_id JOIN participants p ON p.id = d.participant_id
        ORDER BY s.starts_at`,
    );
    expect(order[0]).toEqual({ code: 'VNM', day: '2025-10-25' });
    expect(order.filter((o) => o.day === '2025-10-26').length).toBeGreaterThan(0);
    expect(order.filter((o) => o.day === '2025-10-25').length).toBeGreaterThan(order.length * 0.8);
    const approved: { n: string }[] = await dataSource.query(
      `SELECT count(*) AS n FROM delegations WHERE kind IN ('state', 'reio') AND status = 'approved'`,
    );
    expect(order).toHaveLength(Number(approved[0]!.n));

    // Side events: 75-minute slots (60 + 15) with 10 to 12 in parallel.
    const parallel: { starts: string; n: string; minutes: string }[] = await dataSource.query(
      `SELECT starts_at AS starts, count(*) AS n, max(extract(epoch FROM ends_at - starts_at) / 60) AS minutes
         FROM sessions WHERE kind = 'side_event' GROUP BY starts_at ORDER BY starts_at`,
    );
    expect(parallel.every((p) => Number(p.n) >= 10 && Number(p.n) <= 12 && Number(p.minutes) === 60)).toBe(true);
    const kinds: { kind: string }[] = await dataSource.query(`SELECT DISTINCT kind FROM sessions ORDER BY kind`);
    expect(kinds.map((k) => k.kind)).toEqual([
      'bilateral',
      'opening',
      'other',
      'plenary',
      'press',
      'round_table',
      'side_event',
      'signing',
    ]);
    // The public programme shows the published, public sessions of both days.
    const event: { id: string }[] = await dataSource.query(`SELECT id FROM events WHERE slug = 'hanoi-2025'`);
    const programme = await api.app.inject({
      method: 'GET',
      url: `/v1/events/${event[0]!.id}/sessions?day=2025-10-26&kind=round_table`,
    });
    expect(programme.json().total).toBe(4);
  });
});
