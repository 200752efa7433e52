import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditEntry, type AuditService } from '@accord/audit';
import { isConnectionError, jsonInsert, queryPrepared, WriteBatcher } from '@accord/core';
import { MilestoneKind } from '../goal/signatory-milestone.entity.js';
import { Signature } from './signature.entity.js';

/** A signature without full powers to verify, with its audit entry and the event version its window was checked at. */
export interface SignatureWrite {
  signature: Signature;
  audit: ReturnType<AuditService['entry']>;
  eventVersion: string;
}

export interface SignatureOutcome {
  written: boolean;
  /** Nothing was written: the event row is no longer at the version the signing window was checked against. */
  eventChanged: boolean;
  /** Nothing was written: the party has an appointment at the signing table to close (a transaction's work). */
  appointmentBooked: boolean;
  goalFired: boolean;
  delegationId: string | null;
}

/**
 * Signatures are written as a group commit (WriteBatcher), as registrations are: at the signing table twenty
 * officers may record at the same instant, and the signatures that arrive while a statement runs are written
 * together by the next. One at a time, another after STALL_MS; never two for one party in a statement.
 */
const MAX_STATEMENTS_IN_FLIGHT = 4;
const STALL_MS = 20;
const MAX_SIGNATURES_PER_STATEMENT = 32;

interface ContextRow {
  id: string;
  current: boolean;
  booked: boolean;
  goal_fired: boolean;
  delegation_id: string | null;
  written: boolean;
}

/**
 * Writes signatures (each with its audit entry) in ONE statement that also reads what each depends on — the party's
 * delegation, whether it has a booked appointment to close, whether the goal has fired — and checks each against the
 * version of the event its signing time was checked with. Nothing is written for a signature whose event changed or
 * whose party has an appointment to close; the outcome says which. A statement that fails (a party that signed
 * meanwhile: the partial unique index) is written again signature by signature, so only that one fails.
 */
@Injectable()
export class SignatureWriter {
  private readonly batcher: WriteBatcher<SignatureWrite, SignatureOutcome>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.batcher = new WriteBatcher<SignatureWrite, SignatureOutcome>({
      writeBatch: (writes) => this.writeAll(writes),
      writeOne: async (write) => (await this.writeAll([write]))[0]!,
      keyOf: ({ signature }) => `${signature.eventId}:${signature.participantId}`,
      retryAlone: (error) => !isConnectionError(error),
      maxInFlight: MAX_STATEMENTS_IN_FLIGHT,
      stallMs: STALL_MS,
      maxBatch: MAX_SIGNATURES_PER_STATEMENT,
    });
  }

  /** Statements written and signatures written through them (group commit), for tests and diagnostics. */
  get stats(): Readonly<WriteBatcher<SignatureWrite, SignatureOutcome>['stats']> {
    return this.batcher.stats;
  }

  write(write: SignatureWrite): Promise<SignatureOutcome> {
    return this.batcher.write(write);
  }

  private async writeAll(writes: SignatureWrite[]): Promise<SignatureOutcome[]> {
    const manager = this.dataSource.manager;
    const input = JSON.stringify(
      writes.map(({ signature: s, eventVersion }) => ({
        id: s.id,
        event_id: s.eventId,
        version: eventVersion,
        participant_id: s.participantId,
      })),
    );
    const inserted = jsonInsert(
      manager.connection.getMetadata(Signature),
      writes.map((w) => w.signature),
      3,
      'r.id IN (SELECT id FROM context WHERE current AND NOT booked)',
      { delegationId: '(SELECT c.delegation_id FROM context c WHERE c.id = r.id)' },
    );
    const audited = jsonInsert(
      manager.connection.getMetadata(AuditEntry),
      writes.map((w) => w.audit),
      4,
      'r.entity_id::uuid IN (SELECT id FROM signature)',
    );
    const rows = await queryPrepared<ContextRow>(
      manager,
      `WITH ${CONTEXT_CTE}, signature AS (${inserted.sql} RETURNING id), audit AS (${audited.sql})
       SELECT c.*, c.id IN (SELECT id FROM signature) AS written FROM context c`,
      [input, MilestoneKind.GoalReached, inserted.json, audited.json],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return writes.map(({ signature }) => {
      const row = byId.get(signature.id)!;
      return {
        written: row.written,
        eventChanged: !row.current,
        appointmentBooked: row.current && row.booked,
        goalFired: row.goal_fired,
        delegationId: row.delegation_id,
      };
    });
  }
}

/**
 * Per signature ($1: id, event, event version, participant as JSON rows; $2 the goal milestone's kind): whether its
 * event is at that version, its party's delegation, whether that has a booked appointment, whether the goal fired.
 */
const CONTEXT_CTE = `context AS (
  SELECT i.id,
    EXISTS (SELECT 1 FROM events e WHERE e.id = i.event_id AND e.xmin::text = i.version) AS current,
    EXISTS (SELECT 1 FROM signing_appointments a JOIN delegations d ON d.id = a.delegation_id
             WHERE a.event_id = i.event_id AND d.participant_id = i.participant_id AND a.status = 'booked') AS booked,
    EXISTS (SELECT 1 FROM signatory_milestones m WHERE m.event_id = i.event_id AND m.kind = $2) AS goal_fired,
    (SELECT d.id FROM delegations d WHERE d.event_id = i.event_id AND d.participant_id = i.participant_id)
      AS delegation_id
  FROM jsonb_to_recordset($1::jsonb) AS i(id uuid, event_id uuid, version text, participant_id uuid))`;
