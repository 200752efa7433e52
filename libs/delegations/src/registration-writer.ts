import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, EntityTarget } from 'typeorm';
import { AuditEntry, AuditService } from '@accord/audit';
import { isConnectionError, jsonInsert, queryPrepared, timeOrderedId, WriteBatcher, type Caller } from '@accord/core';
import type { Event } from '@accord/events';
import { OutboxMessage } from '@accord/notifications';
import { DelegationStatus, isPartyKind } from './delegation-kind.js';
import { Delegation } from './delegation.entity.js';
import { DelegationMember } from './delegation-member.entity.js';
import { DelegationNotifier } from './delegation-notifier.js';
import type { RegisterDelegationDto } from './dto/register-delegation.dto.js';
import type { Participant } from './participants/participant.entity.js';
import { claimKey, type RememberedAnswer } from './registration-idempotency.js';
import { RegistrationIdempotencyKey } from './registration-idempotency.entity.js';
import { FocalPointToken } from './tokens/focal-point-token.entity.js';
import { mintToken } from './tokens/focal-point-tokens.service.js';
import { DelegationTransition } from './workflow/delegation-transition.entity.js';
import { actorOf, delegationSnapshot, memberColumns, trimOrNull } from './delegation-rows.js';

export type RegistrationChannel = 'form' | 'organiser' | 'import';

/** Every row of a new registration, built in memory (ids, timestamps, token) before anything is written. */
export interface NewRegistration {
  /** With `participant` and `members` set, as DelegationDto.from and the notification need them. */
  delegation: Delegation & { members: DelegationMember[] };
  transition: Omit<DelegationTransition, 'delegation'>;
  /** The focal point's first token (the form issues one; the CSV import does not). */
  focalPoint?: { row: Pick<FocalPointToken, 'id' | 'delegationId' | 'tokenHash' | 'issuedBy'>; token: string };
  message: ReturnType<DelegationNotifier['submittedMessage']>;
  audit: ReturnType<AuditService['entry']>;
}

/** What became of a write guarded by the event's version and, optionally, an idempotency key. */
export type WriteOutcome = 'written' | 'event-changed' | 'key-taken';

export interface WriteGuard {
  /** The event's version (EventSnapshots) the registration was checked against: nothing is written otherwise. */
  eventVersion: string;
  /** The answer to remember under the request's idempotency key: nothing is written if the key is taken. */
  answer?: RememberedAnswer;
}

/** A registration checked against an event (and, optionally, claiming an idempotency key). */
interface GuardedWrite {
  registration: NewRegistration;
  guard: WriteGuard;
}

/**
 * Registrations are written as a group commit (WriteBatcher): when the form opens to every delegation at once, the
 * requests that arrive while a statement runs are written together by the next one. One statement at a time makes
 * the largest batches (PostgreSQL's cost per registration falls by half from 1 to 20 per statement); a statement
 * that waits on a lock (a State's delegation being imported by an organiser at that moment) lets the next start
 * after STALL_MS, up to MAX_STATEMENTS_IN_FLIGHT.
 */
const MAX_STATEMENTS_IN_FLIGHT = 4;
const STALL_MS = 50;
const MAX_REGISTRATIONS_PER_STATEMENT = 32;

/** The outcome of one statement: the events whose version matched, and the delegations it wrote. */
interface StatementResult {
  events: string[];
  written: string[];
}

/**
 * Writes registrations (delegation, members, first transition, focal-point token, outbox row, audit entry and the
 * idempotency key's answer) in ONE statement: data-modifying CTEs, each table's rows in one jsonb parameter. One
 * statement is one round trip and, on its own, one transaction: it commits whole or not at all (foreign keys are
 * checked at its end), holding a pooled connection for a single exchange instead of a dozen under heavy load.
 * Concurrent public registrations share statements (group commit): each is still written whole or not at all, and
 * gets its own outcome; a statement that fails is written again registration by registration, so one request's
 * conflict (a State registered twice, say) is that request's answer only.
 */
@Injectable()
export class RegistrationWriter {
  private readonly batcher: WriteBatcher<GuardedWrite, WriteOutcome>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifier: DelegationNotifier,
    private readonly audit: AuditService,
  ) {
    this.batcher = new WriteBatcher<GuardedWrite, WriteOutcome>({
      writeBatch: (writes) => this.writeGuarded(writes),
      writeOne: async (write) => (await this.writeGuarded([write]))[0]!,
      // Two requests with the same key must not share a statement: the key is claimed once per statement.
      keyOf: ({ guard }) => (guard.answer ? `${guard.answer.eventId}:${guard.answer.keyHash}` : undefined),
      retryAlone: (error) => !isConnectionError(error),
      maxInFlight: MAX_STATEMENTS_IN_FLIGHT,
      stallMs: STALL_MS,
      maxBatch: MAX_REGISTRATIONS_PER_STATEMENT,
    });
  }

  /** Statements written and registrations written through them (group commit), for tests and diagnostics. */
  get stats(): Readonly<WriteBatcher<GuardedWrite, WriteOutcome>['stats']> {
    return this.batcher.stats;
  }

  /** The rows of a registration checked by the caller (window, participant, members). */
  prepare(
    caller: Caller,
    event: Event,
    dto: RegisterDelegationDto,
    participant: Participant | null,
    channel: RegistrationChannel,
    options: { focalPointToken: boolean },
  ): NewRegistration {
    const id = timeOrderedId();
    // One clock for the rows the answer shows (PostgreSQL's now() would only be known after the write, and the
    // remembered answer is part of it). The outbox row and the audit entry keep the database's clock.
    const now = new Date();
    const party = isPartyKind(dto.kind);
    const members = dto.members.map(
      (m, position) =>
        ({
          id: timeOrderedId(),
          ...memberColumns(id, m, position),
          createdAt: now,
          updatedAt: now,
        }) as DelegationMember,
    );
    const delegation = Object.assign(new Delegation(), {
      id,
      eventId: event.id,
      kind: dto.kind,
      participantId: participant?.id ?? null,
      organisationName: party ? null : dto.organisationName!.trim(),
      countryCode: party ? null : (dto.countryCode?.toUpperCase() ?? null),
      status: DelegationStatus.Submitted,
      statusChangedAt: now,
      statusReason: null,
      focalPointName: dto.focalPoint.name.trim(),
      focalPointEmail: dto.focalPoint.email.toLowerCase(),
      focalPointPhone: trimOrNull(dto.focalPoint.phone),
      focalPointLanguage: dto.focalPoint.language,
      notes: trimOrNull(dto.notes),
      createdAt: now,
      updatedAt: now,
    }) as NewRegistration['delegation'];
    delegation.members = members;
    delegation.participant = participant; // the delegation's name, for the answer and the notification
    const transition = {
      id: timeOrderedId(),
      delegationId: id,
      fromStatus: null,
      toStatus: DelegationStatus.Submitted,
      reason: null,
      ...actorOf(caller),
      createdAt: now,
    };
    const audit = this.audit.entry({
      action: 'delegation.submitted',
      entityType: 'delegation',
      entityId: id,
      eventId: event.id,
      after: { ...delegationSnapshot(delegation), memberCount: members.length, channel },
    });
    return {
      delegation,
      transition,
      focalPoint: options.focalPointToken
        ? mintToken(id, caller.kind === 'organiser' ? caller.userId : null)
        : undefined,
      message: this.notifier.submittedMessage(delegation, members.length, channel),
      audit,
    };
  }

  /**
   * Writes a registration checked against the event's version and, with `guard.answer`, claiming an idempotency
   * key: nothing is written unless the event is unchanged and the key free, and the outcome says which. Its own
   * transaction (shared with the registrations written in the same statement).
   */
  submit(registration: NewRegistration, guard: WriteGuard): Promise<WriteOutcome> {
    return this.batcher.write({ registration, guard });
  }

  /** Writes a registration inside the caller's transaction, unconditionally (the CSV import checks its own rows). */
  async write(manager: EntityManager, registration: NewRegistration): Promise<void> {
    const statement = new RegistrationStatement(manager);
    statement.insertRows([registration], () => undefined);
    await queryPrepared(manager, `WITH ${statement.steps.join(', ')} SELECT 1`, statement.parameters);
  }

  private async writeGuarded(writes: GuardedWrite[]): Promise<WriteOutcome[]> {
    const manager = this.dataSource.manager;
    const statement = new RegistrationStatement(manager);
    const versions = new Map(writes.map(({ registration: r, guard: g }) => [r.delegation.eventId, g.eventVersion]));
    // Checked against two versions of one event (it was edited between them): such requests are written one by one.
    if (writes.some(({ registration: r, guard: g }) => versions.get(r.delegation.eventId) !== g.eventVersion))
      throw new Error('registrations checked against different versions of one event');
    const current = statement.parameter(JSON.stringify([...versions].map(([id, version]) => ({ id, version }))));
    statement.steps.push(
      // FOR SHARE: an edit of the event in flight is waited for, and one committed meanwhile is seen (the row is
      // re-read, its xmin no longer matches): never a registration written under rules that just changed.
      `current_event AS (SELECT e.id FROM events e JOIN jsonb_to_recordset(${current}::jsonb) AS v(id uuid, version text)
         ON e.id = v.id AND e.xmin::text = v.version FOR SHARE OF e)`,
    );
    const inCurrentEvent = 'r.event_id IN (SELECT id FROM current_event)';
    const admitted: string[] = [];
    const claims = writes.flatMap(({ guard }) => (guard.answer ? [guard.answer] : []));
    if (claims.length) {
      // A registration with a key is written only if its key was free (claimKey returns it then).
      statement.insert('claim', RegistrationIdempotencyKey, claims, inCurrentEvent, claimKey);
      admitted.push('SELECT delegation_id AS id FROM claim');
    }
    const unclaimed = writes.filter(({ guard }) => !guard.answer).map(({ registration: r }) => r.delegation);
    if (unclaimed.length) {
      const rows = statement.parameter(JSON.stringify(unclaimed.map((d) => ({ id: d.id, event_id: d.eventId }))));
      admitted.push(
        `SELECT r.id FROM jsonb_to_recordset(${rows}::jsonb) AS r(id uuid, event_id uuid) WHERE ${inCurrentEvent}`,
      );
    }
    statement.steps.push(`admitted AS (${admitted.join(' UNION ALL ')})`);
    statement.insertRows(
      writes.map((w) => w.registration),
      (column) => `${column} IN (SELECT id FROM admitted)`,
    );
    const [row] = await queryPrepared<StatementResult>(
      manager,
      `WITH ${statement.steps.join(', ')} SELECT ` +
        `(SELECT coalesce(json_agg(id), '[]') FROM current_event) AS "events", ` +
        `(SELECT coalesce(json_agg(id), '[]') FROM admitted) AS "written"`,
      statement.parameters,
    );
    const events = new Set(row!.events);
    const written = new Set(row!.written);
    return writes.map(({ registration: { delegation } }) =>
      !events.has(delegation.eventId) ? 'event-changed' : written.has(delegation.id) ? 'written' : 'key-taken',
    );
  }
}

/** The CTEs and parameters of one registration statement, built step by step. */
class RegistrationStatement {
  readonly steps: string[] = [];
  readonly parameters: unknown[] = [];

  constructor(private readonly manager: EntityManager) {}

  parameter(value: unknown): string {
    return `$${this.parameters.push(value)}`;
  }

  /** `name AS (INSERT … rows …)`, the rows filtered by `where` (as `r`); nothing for no rows. */
  insert(
    name: string,
    target: EntityTarget<object>,
    rows: readonly object[],
    where?: string,
    wrap = (sql: string) => sql,
  ): void {
    if (rows.length === 0) return;
    const metadata = this.manager.connection.getMetadata(target);
    const { sql, json } = jsonInsert(metadata, rows, this.parameters.length + 1, where);
    this.parameters.push(json);
    this.steps.push(`${name} AS (${wrap(sql)})`);
  }

  /**
   * Every row of the registrations. `admitted(column)` is the condition a row must meet, given the column (of `r`)
   * holding its delegation's id, or undefined to write them all.
   */
  insertRows(registrations: readonly NewRegistration[], admitted: (column: string) => string | undefined): void {
    const delegations = registrations.map(({ delegation }) => {
      const { members: _members, participant: _participant, ...row } = delegation;
      return row;
    });
    this.insert('delegation', Delegation, delegations, admitted('r.id'));
    const ofDelegation = admitted('r.delegation_id');
    this.insert(
      'members',
      DelegationMember,
      registrations.flatMap((r) => r.delegation.members),
      ofDelegation,
    );
    this.insert(
      'transition',
      DelegationTransition,
      registrations.map((r) => r.transition),
      ofDelegation,
    );
    this.insert(
      'token',
      FocalPointToken,
      registrations.flatMap((r) => (r.focalPoint ? [r.focalPoint.row] : [])),
      ofDelegation,
    );
    // The outbox row and the audit entry name the delegation in their payload and entity id.
    this.insert(
      'message',
      OutboxMessage,
      registrations.map((r) => r.message),
      admitted(`(r.data->>'delegationId')::uuid`),
    );
    this.insert(
      'audit',
      AuditEntry,
      registrations.map((r) => r.audit),
      admitted('r.entity_id::uuid'),
    );
  }
}
