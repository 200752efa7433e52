import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditEntry, AuditService } from '@accord/audit';
import {
  AppError,
  jsonInsert,
  notFound,
  queryPrepared,
  timeOrderedId,
  toZonedIso,
  validationFailed,
  type Caller,
} from '@accord/core';
import { Participant, ParticipantKind } from '@accord/delegations';
import { Event, EventSnapshots } from '@accord/events';
import { SigningAppointmentsService } from '@accord/scheduling';
import { FullPowers } from '../full-powers/full-powers.entity.js';
import { DesignatedSignatory } from '../full-powers/designated-signatory.entity.js';
import { standingOf } from '../full-powers/full-powers.service.js';
import { GoalTracker } from '../goal/goal-tracker.js';
import { MilestoneKind } from '../goal/signatory-milestone.entity.js';
import { Instrument } from '../instruments/instrument.entity.js';
import { SummaryCache } from '../reports/summary-cache.service.js';
import { lockEvent } from '../shared/event-lock.js';
import { pgError } from '../shared/pg-errors.js';
import {
  needsFullPowers,
  rankContradicts,
  rankFor,
  sameName,
  SignatoryCapacity,
} from '../shared/signatory-capacity.js';
import { SIGNATURE_ORDER_SQL } from '../shared/signature-order.js';
import type { AnnotateSignatureDto, RecordSignatureDto } from './dto/record-signature.dto.js';
import { Signature } from './signature.entity.js';
import { SignatureWriter } from './signature-writer.js';
import { checkSigningTime, resolvePlace } from './signature-window.js';

interface SignatureContextRow {
  version: string;
  delegation_id: string | null;
  standing_id: string | null;
  goal_fired: boolean;
  appointment_booked: boolean;
}

/** See SignaturesService.context: $1 the event, $2 the participant, $3 the goal milestone's kind. */
const SIGNATURE_CONTEXT_SQL = `SELECT e.xmin::text AS version,
  (SELECT d.id FROM delegations d WHERE d.event_id = e.id AND d.participant_id = $2) AS delegation_id,
  (SELECT s.id FROM signatures s
    WHERE s.event_id = e.id AND s.participant_id = $2 AND s.voided_at IS NULL) AS standing_id,
  EXISTS (SELECT 1 FROM signatory_milestones m WHERE m.event_id = e.id AND m.kind = $3) AS goal_fired,
  EXISTS (SELECT 1 FROM signing_appointments a JOIN delegations d ON d.id = a.delegation_id
           WHERE a.event_id = e.id AND d.participant_id = $2 AND a.status = 'booked') AS appointment_booked
  FROM events e WHERE e.id = $1`;

/** Reloads of the event a signature may need when the event is edited meanwhile. */
const MAX_EVENT_RELOADS = 3;

const participantPartyKind = (participant: Participant): 'state' | 'reio' =>
  participant.kind === ParticipantKind.Reio ? 'reio' : 'state';

const organiserId = (caller: Caller) => (caller.kind === 'organiser' ? caller.userId : null);

/**
 * The signatures recorded at the signing table (and later at the depositary). Recording takes no lock: one signature
 * per party is decided by a partial unique index, the goal once the signature has committed (GoalTracker.settle).
 * Voids run under the event lock. The public summary is invalidated once the change has committed.
 */
@Injectable()
export class SignaturesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly goal: GoalTracker,
    private readonly cache: SummaryCache,
    private readonly appointments: SigningAppointmentsService,
    private readonly snapshots: EventSnapshots,
    private readonly writer: SignatureWriter,
  ) {}

  private readonly participants = new Map<string, Participant>();

  async record(
    caller: Caller,
    eventId: string,
    dto: RecordSignatureDto,
  ): Promise<{ signature: Signature; event: Event }> {
    let result: { signature: Signature; event: Event; goalFired: boolean };
    try {
      result = await this.recordIn(caller, eventId, dto);
    } catch (error) {
      // A concurrent recording for the same party committed first: the partial unique index refused this one.
      if (pgError(error).constraint === 'signatures_one_per_party') {
        const participant = await this.dataSource.manager.findOneBy(Participant, {
          code: dto.participantCode.toUpperCase(),
        });
        const first = participant && (await this.standing(this.dataSource.manager, eventId, participant.id));
        if (first && participant) throw alreadySigned(participant, first, eventId);
      }
      throw error;
    }
    // Committed: the answer goes out now; the announcement to the other processes and the goal's count follow.
    this.cache.changed(eventId);
    if (!result.goalFired) void this.goal.settle(eventId);
    return { signature: result.signature, event: result.event };
  }

  /**
   * Checks against the committed record (no lock: one signature per party is the partial unique index's job), then
   * writes. A signature without full powers to verify (heads of State and government, ministers) is first written
   * by ONE statement that also reads what it depends on — the party's delegation, whether it has an appointment at
   * the signing table still to close, whether the goal has fired — and checks the event row against the copy in
   * memory its signing time was checked with (SignatureWriter; the signatures recorded at the same moment share
   * it): one round trip, and one transaction. When there is more
   * to do — verify full powers under a share lock, or close the party's booked appointment — it all runs in one
   * transaction after reading the context (recordWithMore).
   */
  private async recordIn(
    caller: Caller,
    eventId: string,
    dto: RecordSignatureDto,
  ): Promise<{ signature: Signature; event: Event; goalFired: boolean }> {
    const participant = await this.party(dto);
    if (needsFullPowers(dto.capacity, participantPartyKind(participant))) {
      return this.recordWithMore(caller, eventId, dto, participant);
    }
    let snapshot = await this.snapshots.get(eventId);
    for (let attempt = 1; attempt <= MAX_EVENT_RELOADS; attempt++) {
      let signature: Signature;
      try {
        signature = this.newSignature(caller, snapshot.event, participant, dto, null);
      } catch (refusal) {
        // A refusal rests on the event as it is now, never on a copy in memory.
        if (!snapshot.cached) throw refusal;
        snapshot = await this.snapshots.reload(eventId);
        continue;
      }
      const outcome = await this.writer.write({
        signature,
        audit: this.recordedEntry(signature, participant),
        eventVersion: snapshot.version,
      });
      if (outcome.written) {
        signature.delegationId = outcome.delegationId;
        signature.participant = participant;
        return { signature, event: snapshot.event, goalFired: outcome.goalFired };
      }
      if (outcome.appointmentBooked) return this.recordWithMore(caller, eventId, dto, participant);
      snapshot = await this.snapshots.reload(eventId); // the event changed since the copy was read
    }
    // The event kept changing under the form: the context path reads it afresh.
    return this.recordWithMore(caller, eventId, dto, participant);
  }

  /** The catalogue entry the form names, if a party may sign in that capacity. */
  private async party(dto: RecordSignatureDto): Promise<Participant> {
    const participant = await this.participant(this.dataSource.manager, dto.participantCode);
    if (!participant) {
      throw new AppError(
        422,
        'SIGNATURE.UNKNOWN_PARTY',
        `${dto.participantCode} is not a State or REIO in the participants catalogue`,
        { participantCode: dto.participantCode },
      );
    }
    if (rankContradicts(dto.capacity, dto.rank)) {
      throw validationFailed([{ field: 'rank', message: `rank ${dto.rank} does not fit capacity ${dto.capacity}` }]);
    }
    if (participantPartyKind(participant) === 'reio' && dto.capacity !== SignatoryCapacity.Other) {
      throw new AppError(
        422,
        'SIGNATURE.REIO_CAPACITY',
        'A regional economic integration organisation signs through a representative with full powers (capacity other)',
      );
    }
    return participant;
  }

  /** The signature row, checked against the event's signing window and place (art. 64). */
  private newSignature(
    caller: Caller,
    event: Event,
    participant: Participant,
    dto: RecordSignatureDto,
    delegationId: string | null,
  ): Signature {
    const signedAt = new Date(dto.signedAt);
    checkSigningTime(event, signedAt);
    return Object.assign(new Signature(), {
      id: timeOrderedId(),
      eventId: event.id,
      participantId: participant.id,
      partyKind: participantPartyKind(participant),
      delegationId,
      signatoryName: dto.signatoryName.trim(),
      signatoryTitle: dto.signatoryTitle?.trim() || null,
      capacity: dto.capacity,
      rank: rankFor(dto.capacity, dto.rank),
      fullPowersId: null,
      signedAt,
      place: resolvePlace(event, signedAt, dto.place),
      declarations: dto.declarations?.trim() || null,
      reservations: dto.reservations?.trim() || null,
      depositaryNotification: dto.depositaryNotification ?? null,
      recordedBy: organiserId(caller),
      // The API's clock, as the answer shows it before the write (ties in the order of signature only).
      recordedAt: new Date(),
      voidedAt: null,
      voidedBy: null,
      voidReason: null,
    });
  }

  /** A signature that needs full powers verified, or that closes a booked appointment: one transaction. */
  private async recordWithMore(
    caller: Caller,
    eventId: string,
    dto: RecordSignatureDto,
    participant: Participant,
  ): Promise<{ signature: Signature; event: Event; goalFired: boolean }> {
    const reader = this.dataSource.manager;
    const context = await this.context(reader, eventId, participant.id);
    const { event, delegationId, standingId, goalFired } = context;
    const signature = this.newSignature(caller, event, participant, dto, delegationId);
    // This check only answers the common case without an insert: a concurrent second insert still fails on the index.
    if (standingId) throw alreadySigned(participant, (await this.standing(reader, eventId, participant.id))!, eventId);
    const fullPowersNeeded = needsFullPowers(dto.capacity, signature.partyKind);
    await this.dataSource.transaction(async (manager) => {
      if (fullPowersNeeded) {
        signature.fullPowersId = await this.verifiedFullPowers(
          manager,
          eventId,
          participant,
          signature.partyKind,
          dto.signatoryName,
        );
      }
      await this.write(manager, signature, participant);
      // The party has signed: its appointment at the signing table is done (none after the ceremony, in New York).
      if (delegationId) await this.appointments.markDoneForDelegation(manager, eventId, delegationId);
    });
    signature.participant = participant;
    return { signature, event, goalFired };
  }

  /** The audit entry of a recorded signature (written in the signature's statement). */
  private recordedEntry(signature: Signature, participant: Participant) {
    return this.audit.entry({
      action: 'signature.recorded',
      entityType: 'signature',
      entityId: signature.id,
      eventId: signature.eventId,
      after: snapshot(signature, participant),
    });
  }

  /** The signature and its audit entry, in one statement (inside the manager's transaction, if it has one). */
  private async write(manager: EntityManager, signature: Signature, participant: Participant): Promise<void> {
    const inserted = jsonInsert(manager.connection.getMetadata(Signature), [signature], 1);
    const audited = jsonInsert(
      manager.connection.getMetadata(AuditEntry),
      [this.recordedEntry(signature, participant)],
      2,
    );
    await queryPrepared(manager, `WITH signature AS (${inserted.sql}), audit AS (${audited.sql}) SELECT 1`, [
      inserted.json,
      audited.json,
    ]);
  }

  /** The catalogue entry by code. The catalogue only grows (upserts keep ids), so entries are kept once read. */
  private async participant(manager: EntityManager, code: string): Promise<Participant | null> {
    const key = code.toUpperCase();
    const known = this.participants.get(key);
    if (known) return known;
    const found = await manager.findOneBy(Participant, { code: key });
    if (found) this.participants.set(key, found);
    return found;
  }

  /**
   * The event and, in the same round trip, the party's delegation, its standing signature, whether the goal has
   * fired and whether the party has an appointment at the signing table still to close. Round trips are what a
   * signature waits for when the API is busy serving the count to the public: the query is prepared once per
   * connection, and the event comes from memory when the row's version is the one held (EventSnapshots).
   */
  private async context(manager: EntityManager, eventId: string, participantId: string) {
    const [row] = await queryPrepared<SignatureContextRow>(manager, SIGNATURE_CONTEXT_SQL, [
      eventId,
      participantId,
      MilestoneKind.GoalReached,
    ]);
    if (!row) throw notFound('Event', eventId);
    return {
      event: await this.snapshots.atVersion(eventId, row.version),
      delegationId: row.delegation_id,
      standingId: row.standing_id,
      goalFired: row.goal_fired,
      appointmentBooked: row.appointment_booked,
    };
  }

  /** The verified full powers naming this signatory, or a 422 saying what is missing. */
  private async verifiedFullPowers(
    manager: EntityManager,
    eventId: string,
    participant: Participant,
    partyKind: 'state' | 'reio',
    signatoryName: string,
  ): Promise<string> {
    // FOR SHARE: a review rejecting these full powers at the same moment waits for this transaction, then sees the
    // signature relying on them (and refuses); or it committed first, and the row no longer reads as verified.
    const verified = await manager
      .createQueryBuilder(FullPowers, 'f')
      .setLock('pessimistic_read')
      .where(`f.event_id = :eventId AND f.participant_id = :participantId AND f.status = 'verified'`, {
        eventId,
        participantId: participant.id,
      })
      .getOne();
    if (!verified) {
      const history = await manager.find(FullPowers, {
        where: { eventId, participantId: participant.id },
        order: { createdAt: 'DESC', id: 'DESC' },
      });
      const designation = await manager.findOneBy(DesignatedSignatory, { eventId, participantId: participant.id });
      // Judged as for a signatory needing full powers, whatever the designation says: this one does.
      const asNeeded = designation && { ...designation, capacity: SignatoryCapacity.Other };
      const { standing } = standingOf(asNeeded ?? null, partyKind, history);
      throw new AppError(
        422,
        'SIGNATURE.FULL_POWERS_REQUIRED',
        `This signatory needs full powers (VCLT art. 7), and ${participant.nameEn} has none verified (${standing})`,
        { fullPowers: standing },
      );
    }
    if (!sameName(verified.representativeName, signatoryName)) {
      throw new AppError(
        422,
        'SIGNATURE.FULL_POWERS_NAME_MISMATCH',
        `The verified full powers of ${participant.nameEn} are for ${verified.representativeName}`,
        { representativeName: verified.representativeName, fullPowersId: verified.id },
      );
    }
    return verified.id;
  }

  private standing(manager: EntityManager, eventId: string, participantId: string): Promise<Signature | null> {
    return manager
      .createQueryBuilder(Signature, 's')
      .where('s.event_id = :eventId AND s.participant_id = :participantId AND s.voided_at IS NULL', {
        eventId,
        participantId,
      })
      .getOne();
  }

  /** Voids a signature recorded in error. The row stays, with who voided it, when and why. */
  async void(
    caller: Caller,
    eventId: string,
    signatureId: string,
    reason: string,
  ): Promise<{ signature: Signature; event: Event }> {
    const result = await this.dataSource.transaction(async (manager) => {
      const event = await lockEvent(manager, eventId);
      const signature = await manager.findOne(Signature, {
        where: { id: signatureId, eventId },
        relations: { participant: true },
      });
      if (!signature) throw notFound('Signature', signatureId);
      if (signature.voidedAt) {
        throw new AppError(409, 'SIGNATURE.ALREADY_VOIDED', 'This signature is already void', {
          voidedAt: toZonedIso(signature.voidedAt, event.timeZone),
        });
      }
      const instrument = await manager
        .createQueryBuilder(Instrument, 'i')
        .where('i.signature_id = :signatureId AND i.voided_at IS NULL', { signatureId })
        .getOne();
      if (instrument) {
        throw new AppError(
          409,
          'SIGNATURE.HAS_INSTRUMENT',
          `An instrument of ${instrument.kind} follows this signature; void it first`,
          {
            instrumentId: instrument.id,
          },
        );
      }
      const before = snapshot(signature, signature.participant!);
      signature.voidedAt = new Date();
      signature.voidedBy = organiserId(caller);
      signature.voidReason = reason.trim();
      await manager.save(signature);
      await this.audit.record(manager, {
        action: 'signature.voided',
        entityType: 'signature',
        entityId: signature.id,
        eventId,
        before,
        after: snapshot(signature, signature.participant!),
      });
      return { signature, event };
    });
    this.cache.changed(eventId);
    return result;
  }

  /** Adds the depositary notification reference once the depositary has issued it. */
  async annotate(
    caller: Caller,
    eventId: string,
    signatureId: string,
    dto: AnnotateSignatureDto,
  ): Promise<{ signature: Signature; event: Event }> {
    return this.dataSource.transaction(async (manager) => {
      const event = await lockEvent(manager, eventId);
      const signature = await manager.findOne(Signature, {
        where: { id: signatureId, eventId },
        relations: { participant: true },
      });
      if (!signature) throw notFound('Signature', signatureId);
      if (signature.voidedAt) throw new AppError(409, 'SIGNATURE.VOIDED', 'This signature is void');
      const before = { depositaryNotification: signature.depositaryNotification };
      signature.depositaryNotification = dto.depositaryNotification;
      await manager.save(signature);
      await this.audit.record(manager, {
        action: 'signature.annotated',
        entityType: 'signature',
        entityId: signature.id,
        eventId,
        before,
        after: { depositaryNotification: signature.depositaryNotification },
        caller,
      });
      return { signature, event };
    });
  }

  async get(
    eventId: string,
    signatureId: string,
  ): Promise<{ signature: Signature; event: Event; names: Map<string, string> }> {
    const signature = await this.dataSource.manager.findOne(Signature, {
      where: { id: signatureId, eventId },
      relations: { participant: true, event: true },
    });
    if (!signature) throw notFound('Signature', signatureId);
    return { signature, event: signature.event!, names: await this.names([signature]) };
  }

  /** The treaty section's record: every signature in order of signature, voided ones too when asked. */
  async list(
    eventId: string,
    includeVoided: boolean,
  ): Promise<{ event: Event; signatures: Signature[]; names: Map<string, string> }> {
    const event = await this.dataSource.manager.findOneBy(Event, { id: eventId });
    if (!event) throw notFound('Event', eventId);
    const qb = this.dataSource.manager
      .createQueryBuilder(Signature, 's')
      .innerJoinAndSelect('s.participant', 'p')
      .where('s.event_id = :eventId', { eventId })
      .orderBy(SIGNATURE_ORDER_SQL('s'));
    if (!includeVoided) qb.andWhere('s.voided_at IS NULL');
    const signatures = await qb.getMany();
    return { event, signatures, names: await this.names(signatures) };
  }

  private async names(signatures: Signature[]): Promise<Map<string, string>> {
    const ids = [...new Set(signatures.flatMap((s) => [s.recordedBy, s.voidedBy]).filter((id): id is string => !!id))];
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: string; display_name: string }> = await this.dataSource.query(
      'SELECT id, display_name FROM users WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }
}

function alreadySigned(participant: Participant, first: Signature, eventId: string): AppError {
  return new AppError(409, 'SIGNATURE.ALREADY_RECORDED', `${participant.nameEn} has already signed`, {
    signatureId: first.id,
    signedAt: first.signedAt.toISOString(),
    location: `/v1/events/${eventId}/signatures/${first.id}`,
  });
}

function snapshot(s: Signature, participant: Participant) {
  return {
    participantCode: participant.code,
    signatoryName: s.signatoryName,
    signatoryTitle: s.signatoryTitle,
    capacity: s.capacity,
    rank: s.rank,
    fullPowersId: s.fullPowersId,
    signedAt: s.signedAt.toISOString(),
    place: s.place,
    declarations: s.declarations,
    reservations: s.reservations,
    depositaryNotification: s.depositaryNotification,
    voidedAt: s.voidedAt?.toISOString() ?? null,
    voidReason: s.voidReason,
  };
}
