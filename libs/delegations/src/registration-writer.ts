import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager, EntityTarget } from 'typeorm';
import { AuditEntry, AuditService } from '@accord/audit';
import { jsonInsert, queryPrepared, type Caller } from '@accord/core';
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
  /** The event's version (RegistrationEvents) the registration was checked against: nothing is written otherwise. */
  eventVersion: string;
  /** The answer to remember under the request's idempotency key: nothing is written if the key is taken. */
  answer?: RememberedAnswer;
}

/**
 * Writes a registration (delegation, members, first transition, focal-point token, outbox row, audit entry and the
 * idempotency key's answer) in ONE statement: data-modifying CTEs, each table's rows in one jsonb parameter. One
 * statement is one round trip and, on its own, one transaction: it commits whole or not at all (foreign keys are
 * checked at its end), holding a pooled connection for a single exchange instead of a dozen under heavy load.
 */
@Injectable()
export class RegistrationWriter {
  constructor(
    private readonly notifier: DelegationNotifier,
    private readonly audit: AuditService,
  ) {}

  /** The rows of a registration checked by the caller (window, participant, members). */
  prepare(
    caller: Caller,
    event: Event,
    dto: RegisterDelegationDto,
    participant: Participant | null,
    channel: RegistrationChannel,
    options: { focalPointToken: boolean },
  ): NewRegistration {
    const id = randomUUID();
    // One clock for the rows the answer shows (PostgreSQL's now() would only be known after the write, and the
    // remembered answer is part of it). The outbox row and the audit entry keep the database's clock.
    const now = new Date();
    const party = isPartyKind(dto.kind);
    const members = dto.members.map(
      (m, position) =>
        ({ id: randomUUID(), ...memberColumns(id, m, position), createdAt: now, updatedAt: now }) as DelegationMember,
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
      id: randomUUID(),
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
   * Writes the registration through `manager` (inside its transaction, if it has one). With a guard, nothing is
   * written unless the event is unchanged and the idempotency key (if any) is free, and the outcome says which.
   */
  async write(manager: EntityManager, registration: NewRegistration, guard?: WriteGuard): Promise<WriteOutcome> {
    const parameters: unknown[] = [];
    const parameter = (value: unknown) => `$${parameters.push(value)}`;
    const steps: string[] = [];
    // The relation every insert selects from: while it has no row, none of them inserts anything.
    let gate: string | undefined;
    const insert = (
      name: string,
      target: EntityTarget<object>,
      rows: readonly object[],
      wrap = (sql: string) => sql,
    ) => {
      if (rows.length === 0) return;
      const { sql, json } = jsonInsert(manager.connection.getMetadata(target), rows, parameters.length + 1, gate);
      parameters.push(json);
      steps.push(`${name} AS (${wrap(sql)})`);
    };
    if (guard) {
      const event = parameter(registration.delegation.eventId);
      steps.push(
        // FOR SHARE: an edit of the event in flight is waited for, and one committed meanwhile is seen (the row is
        // re-read, its xmin no longer matches): never a registration written under rules that just changed.
        `current_event AS (SELECT 1 FROM events WHERE id = ${event} AND xmin::text = ${parameter(guard.eventVersion)} FOR SHARE)`,
      );
      gate = 'current_event';
      if (guard.answer) {
        insert('claim', RegistrationIdempotencyKey, [guard.answer], claimKey);
        gate = 'claim';
      }
    }
    const { delegation, transition, focalPoint, message, audit } = registration;
    const { members, participant: _participant, ...delegationRow } = delegation;
    insert('delegation', Delegation, [delegationRow]);
    insert('members', DelegationMember, members);
    insert('transition', DelegationTransition, [transition]);
    if (focalPoint) insert('token', FocalPointToken, [focalPoint.row]);
    insert('message', OutboxMessage, [message]);
    insert('audit', AuditEntry, [audit]);
    const outcome = guard
      ? `EXISTS (SELECT 1 FROM current_event) AS "eventCurrent", EXISTS (SELECT 1 FROM ${gate}) AS "claimed"`
      : `true AS "eventCurrent", true AS "claimed"`;
    const [row] = await queryPrepared<{ eventCurrent: boolean; claimed: boolean }>(
      manager,
      `WITH ${steps.join(', ')} SELECT ${outcome}`,
      parameters,
    );
    if (!row!.eventCurrent) return 'event-changed';
    return row!.claimed ? 'written' : 'key-taken';
  }
}
