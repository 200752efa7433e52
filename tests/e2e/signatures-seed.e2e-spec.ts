import { DataSource } from 'typeorm';
import { seedDelegations } from '../../scripts/seed/seed-delegations.js';
import { seedEvent } from '../../scripts/seed/seed-event.js';
import { seedProgramme } from '../../scripts/seed/seed-programme.js';
import { seedSignatures } from '../../scripts/seed/seed-signatures.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

describe('Demo signatures seed (e2e)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => api.close());

  const summaryOf = async (eventId: string) =>
    (await api.app.inject({ method: 'GET', url: `/v1/events/${eventId}/signatories/summary` })).json();

  it('should seed 72 signatories in Hanoi, the EU among them, 65 on the first day, Viet Nam first, once', async () => {
    const dataSource = api.app.get(DataSource);
    const seed = (withProgramme: boolean) =>
      dataSource.transaction(async (manager) => {
        const event = await seedEvent(manager);
        await seedDelegations(manager, event);
        if (withProgramme) await seedProgramme(manager, event);
        return { event, result: await seedSignatures(manager, event) };
      });
    const { event, result } = await seed(true);
    expect(result).toMatchObject({ signatures: 72, total: 72 });
    expect((await seed(true)).result).toMatchObject({ signatures: 0, fullPowers: 0 });

    const summary = await summaryOf(event.id);
    expect(summary).toMatchObject({ signatories: 72, count: 71, reios: 1, goalReached: true });
    expect(summary.byDay.map((d: { date: string; signatures: number }) => [d.date, d.signatures])).toEqual([
      ['2025-10-25', 65],
      ['2025-10-26', 7],
    ]);
    expect(summary.ranks.sentence).toMatch(
      /^\d+ Heads of State, \d+ Heads of Government, \d+ ministers and \d+ other high-ranking officials, representing 71 States and the European Union$/,
    );

    const list = (await api.app.inject({ method: 'GET', url: `/v1/events/${event.id}/signatories` })).json();
    expect(list.items[0].participant.code).toBe('VNM');
    expect(list.items.every((i: { place: string }) => i.place === 'Hanoi')).toBe(true);

    // Full powers are verified for everyone who needed them; each signed party's appointment is done.
    const [{ unverified }] = await dataSource.query(
      `SELECT count(*)::int AS unverified FROM signatures s LEFT JOIN full_powers f ON f.id = s.full_powers_id
        WHERE s.event_id = $1 AND (s.capacity = 'other' OR s.party_kind = 'reio') AND f.status IS DISTINCT FROM 'verified'`,
      [event.id],
    );
    expect(unverified).toBe(0);
    const [{ booked }] = await dataSource.query(
      `SELECT count(*)::int AS booked FROM signing_appointments a JOIN signatures s ON s.delegation_id = a.delegation_id
        WHERE a.event_id = $1 AND a.status = 'booked'`,
      [event.id],
    );
    expect(booked).toBe(0);
    const milestones = await dataSource.query(`SELECT * FROM signatory_milestones WHERE event_id = $1`, [event.id]);
    expect(milestones).toHaveLength(1);
    expect(new Date(milestones[0].reached_at).toISOString()).toBe(new Date(summary.reachedAt).toISOString());
    const queue = await dataSource.query(
      `SELECT status FROM full_powers WHERE event_id = $1 AND status IN ('pending', 'rejected')`,
      [event.id],
    );
    expect(queue.length).toBeGreaterThan(0);
  });

  it('should seed the same figures without a programme', async () => {
    const dataSource = api.app.get(DataSource);
    await dataSource.query(`DELETE FROM events WHERE slug = 'hanoi-2025'`);
    const { event, result } = await dataSource.transaction(async (manager) => {
      const e = await seedEvent(manager);
      await seedDelegations(manager, e);
      return { event: e, result: await seedSignatures(manager, e) };
    });
    expect(result.signatures).toBe(72);
    const summary = await summaryOf(event.id);
    expect(summary.byDay.map((d: { signatures: number }) => d.signatures)).toEqual([65, 7]);
    expect(summary.count).toBe(71);
  });
});
