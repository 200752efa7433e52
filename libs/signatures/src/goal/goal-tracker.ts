import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditEntry, AuditService, type AuditRecord } from '@accord/audit';
import { jsonInsert, NextRun, queryPrepared, settledWithin, timeOrderedId } from '@accord/core';
import { EventsService } from '@accord/events';
import { OutboxMessage } from '@accord/notifications';
import { SignaturesNotifier } from '../shared/signatures-notifier.js';
import { SIGNATURE_ORDER_SQL } from '../shared/signature-order.js';
import { MilestoneKind, SignatoryMilestone } from './signatory-milestone.entity.js';

/** How often every API process looks for a goal reached and not yet fired (a safety net, see reconcile). */
const RECONCILE_EVERY_MS = 60_000;

/** How long shutdown waits for the counts in progress; one that is stuck is left to the next process's reconcile. */
const SHUTDOWN_WAIT_MS = 5_000;

const STATES_COUNTED = `SELECT count(*) FROM signatures s
  WHERE s.event_id = e.id AND s.voided_at IS NULL AND s.party_kind = 'state'`;

/** Whether event `e`'s goal milestone (kind given as the parameter `kind`) has fired. */
const goalFired = (kind: string) =>
  `EXISTS (SELECT 1 FROM signatory_milestones m WHERE m.event_id = e.id AND m.kind = ${kind})`;

interface CrossingState {
  goal: number;
  fired: boolean;
  count: number;
  id: string | null;
  signed_at: Date;
  place: string;
  participant_id: string;
  party_code: string | null;
  party_name: string | null;
}

/** $1 the event, $2 the goal milestone's kind: see GoalTracker.check. */
const CROSSING_SQL = `SELECT e.signatory_goal AS goal, ${goalFired('$2')} AS fired, (${STATES_COUNTED})::int AS count,
       c.id, c.signed_at, c.place, c.participant_id, p.code AS party_code, p.name_en AS party_name
  FROM events e
  LEFT JOIN LATERAL (
    SELECT s.id, s.signed_at, s.place, s.participant_id FROM signatures s
     WHERE s.event_id = e.id AND s.voided_at IS NULL AND s.party_kind = 'state'
     ORDER BY ${SIGNATURE_ORDER_SQL('s')} OFFSET e.signatory_goal - 1 LIMIT 1) AS c ON true
  LEFT JOIN participants p ON p.id = c.participant_id
 WHERE e.id = $1`;

/**
 * Fires `signatories.goal_reached` exactly once per event, with the notification and the audit entry in the same
 * transaction as the milestone. Signatures do not wait for each other to decide it: each one, once committed,
 * counts the committed States (`settle`), and only a count at or past the goal opens a short transaction that finds
 * the crossing and inserts the milestone. Among the signatures that bring the count to the goal, the one committed
 * last sees all the others, so the crossing is never missed; the unique (event, kind) milestone row makes it fire
 * once, even after a void and a re-record, with no lock for anyone to wait on. The signature's answer does not
 * wait for its count: at the crossing, the count, the crossing and the milestone's statement are three round trips
 * that the officers recording the next States at that moment would otherwise all wait for. Shutdown waits for the
 * counts in progress; a process that stops between a signature's commit and its count anyway (killed) leaves the
 * milestone to the next signature, or to `reconcile` (at start-up and every minute).
 */
@Injectable()
export class GoalTracker implements OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger('GoalTracker');
  private reconciler?: NodeJS.Timeout;
  /** One count at a time per event, shared by the signatures committed meanwhile (see settle). */
  private readonly counts = new NextRun<string, SignatoryMilestone | null>((eventId) => this.countAndCheck(eventId));
  /** Events whose goal has fired: it fires once, ever (the milestone row stays through voids and re-records). */
  private readonly fired = new Set<string>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventsService,
    private readonly notifier: SignaturesNotifier,
    private readonly audit: AuditService,
  ) {}

  /**
   * Call after a signature's transaction has committed, unless the goal had already fired. Never throws. Resolves
   * once a count that began after the call has been made (and the milestone fired, if that count reached the goal).
   * Calls for one event share the work: one count runs at a time per event in this process, and every call made
   * while it runs waits for the next, which sees all of their commits. Without this, the signatures that cross the
   * goal during a rush each opened a transaction to insert the milestone and queued on its unique index, holding
   * pooled connections the next signatures were waiting for.
   */
  settle(eventId: string): Promise<SignatoryMilestone | null> {
    if (this.fired.has(eventId)) return Promise.resolve(null);
    return this.counts.after(eventId);
  }

  /** Resolves once every count asked for so far has been made (and the milestone fired, if one reached the goal). */
  settled(): Promise<void> {
    return this.counts.idle();
  }

  /** The counts the last signatures asked for are made before the database connections close. */
  async beforeApplicationShutdown(): Promise<void> {
    await settledWithin(this.settled(), SHUTDOWN_WAIT_MS);
  }

  private async countAndCheck(eventId: string): Promise<SignatoryMilestone | null> {
    try {
      // After every signature until the goal fires: prepared once per connection.
      const [state] = await queryPrepared<{ goal: number; count: number; fired: boolean }>(
        this.dataSource.manager,
        `SELECT e.signatory_goal AS goal, (${STATES_COUNTED})::int AS count,
                ${goalFired('$2')} AS fired
           FROM events e WHERE e.id = $1`,
        [eventId, MilestoneKind.GoalReached],
      );
      if (state?.fired) this.fired.add(eventId);
      if (!state || state.fired || state.count < state.goal) return null;
      const milestone = await this.check(eventId);
      if (milestone) this.fired.add(eventId);
      return milestone;
    } catch (error) {
      this.logger.warn(`goal check of event ${eventId} failed; reconciliation repeats it: ${String(error)}`);
      return null;
    }
  }

  /**
   * Goals reached that no process settled — it stopped right after the commit, or its count failed (PostgreSQL
   * unreachable for a moment) — fire at start-up and at the next periodic pass. Every API process runs it: the
   * unique milestone row makes that harmless.
   */
  onApplicationBootstrap(): void {
    // An organiser lowering the goal to or below the count reaches it too.
    this.events.onChange((eventId) => void this.settle(eventId));
    void this.reconcile();
    this.reconciler = setInterval(() => void this.reconcile(), RECONCILE_EVERY_MS);
    this.reconciler.unref();
  }

  onModuleDestroy(): void {
    if (this.reconciler) clearInterval(this.reconciler);
  }

  /** Never throws: what fails now is tried again at the next pass. */
  async reconcile(): Promise<void> {
    try {
      const unsettled = (await this.dataSource.query(
        `SELECT e.id FROM events e
          WHERE NOT ${goalFired('$1')}
            AND (${STATES_COUNTED}) >= e.signatory_goal`,
        [MilestoneKind.GoalReached],
      )) as Array<{ id: string }>;
      for (const { id } of unsettled) await this.check(id, { kind: 'system' });
    } catch (error) {
      this.logger.warn(`goal reconciliation failed; the next pass repeats it: ${String(error)}`);
    }
  }

  /**
   * Fires the milestone if the committed count has reached the goal and it has not fired. No lock: concurrent checks
   * may both see the crossing, but the milestone's unique (event, kind) lets one insert it (the other waits for that
   * commit, then inserts nothing), and only the one that inserted writes the notification and the audit entry: the
   * three rows are ONE statement (one transaction), the two followers gated on the milestone's insert. Three round
   * trips in all (the state and the recipients at once, then the statement): the signatures committed while it runs
   * wait for it, so it is kept short.
   */
  async check(eventId: string, caller?: AuditRecord['caller']): Promise<SignatoryMilestone | null> {
    const manager = this.dataSource.manager;
    // The goal as it stands (an organiser may have just changed it), whether it fired meanwhile, the count of States
    // (only they count toward the goal) and the goal-th of them in order of time of signature, the one that reached it.
    const [[state], recipients] = await Promise.all([
      queryPrepared<CrossingState>(manager, CROSSING_SQL, [eventId, MilestoneKind.GoalReached]),
      this.notifier.organisers(manager),
    ]);
    if (!state || state.fired || state.count < state.goal || !state.id) return null;
    const crossing = { id: state.id, place: state.place };
    const participant = { code: state.party_code!, nameEn: state.party_name! };
    const milestone = Object.assign(new SignatoryMilestone(), {
      id: timeOrderedId(),
      eventId,
      kind: MilestoneKind.GoalReached,
      count: state.count,
      goal: state.goal,
      reachedAt: state.signed_at,
      signatureId: state.id,
      participantId: state.participant_id,
      firedAt: new Date(),
    });
    const audit = this.audit.entry({
      caller,
      action: 'signatories.goal_reached',
      entityType: 'signatory_milestone',
      entityId: milestone.id,
      eventId,
      after: { goal: milestone.goal, count: milestone.count, signatureId: crossing.id, partyCode: participant.code },
    });
    const message = this.notifier.goalReachedMessage(milestone, crossing, participant, recipients);
    const { event: _event, signature: _signature, participant: _participant, ...row } = milestone;
    const inserted = jsonInsert(manager.connection.getMetadata(SignatoryMilestone), [row], 1);
    const fired = 'EXISTS (SELECT 1 FROM milestone)';
    const audited = jsonInsert(manager.connection.getMetadata(AuditEntry), [audit], 2, fired);
    const announced = jsonInsert(manager.connection.getMetadata(OutboxMessage), [message], 3, fired);
    const rows = await queryPrepared<{ id: string }>(
      manager,
      `WITH milestone AS (${inserted.sql} ON CONFLICT DO NOTHING RETURNING id), audit AS (${audited.sql}), ` +
        `message AS (${announced.sql}) SELECT id FROM milestone`,
      [inserted.json, audited.json, announced.json],
    );
    return rows.length ? milestone : null;
  }
}
