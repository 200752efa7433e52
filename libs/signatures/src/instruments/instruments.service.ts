import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '@accord/audit';
import { AppError, notFound, toZonedIso, type Caller } from '@accord/core';
import { Participant, ParticipantKind } from '@accord/delegations';
import { Event } from '@accord/events';
import { SummaryCache } from '../reports/summary-cache.service.js';
import { lockEvent } from '../shared/event-lock.js';
import { pgError } from '../shared/pg-errors.js';
import { Signature } from '../signatures/signature.entity.js';
import { localDate } from '../signatures/signature-window.js';
import type { RecordInstrumentDto } from './dto/record-instrument.dto.js';
import { entryIntoForce, type EntryIntoForce } from './entry-into-force.js';
import { allowedFor, needsSignature } from './instrument-kind.js';
import { Instrument } from './instrument.entity.js';

const organiserId = (caller: Caller) => (caller.kind === 'organiser' ? caller.userId : null);

export interface InstrumentRecord {
  event: Event;
  instruments: Instrument[];
  eif: EntryIntoForce<Instrument & { partyKind: 'state' | 'reio' }>;
}

/** Instruments of ratification, acceptance, approval, accession and formal confirmation, in order of deposit. */
@Injectable()
export class InstrumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly cache: SummaryCache,
  ) {}

  async record(caller: Caller, eventId: string, dto: RecordInstrumentDto): Promise<Instrument> {
    let instrument: Instrument;
    try {
      instrument = await this.dataSource.transaction((manager) => this.recordIn(manager, caller, eventId, dto));
    } catch (error) {
      if (pgError(error).constraint === 'instruments_one_per_party') {
        throw new AppError(
          409,
          'INSTRUMENT.ALREADY_DEPOSITED',
          `${dto.participantCode} has already deposited an instrument`,
        );
      }
      throw error;
    }
    this.cache.changed(eventId);
    return instrument;
  }

  private async recordIn(
    manager: EntityManager,
    caller: Caller,
    eventId: string,
    dto: RecordInstrumentDto,
  ): Promise<Instrument> {
    const event = await lockEvent(manager, eventId);
    const participant = await manager.findOneBy(Participant, { code: dto.participantCode.toUpperCase() });
    if (!participant) {
      throw new AppError(
        422,
        'INSTRUMENT.UNKNOWN_PARTY',
        `${dto.participantCode} is not a State or REIO in the participants catalogue`,
        { participantCode: dto.participantCode },
      );
    }
    const partyKind = participant.kind === ParticipantKind.Reio ? 'reio' : 'state';
    if (!allowedFor(dto.kind, partyKind)) {
      throw new AppError(
        422,
        'INSTRUMENT.KIND_NOT_FOR_PARTY',
        partyKind === 'reio'
          ? 'An organisation expresses its consent by formal confirmation, acceptance, approval or accession'
          : 'Formal confirmation is for international organisations; a State ratifies, accepts, approves or accedes',
        { kind: dto.kind, partyKind },
      );
    }
    const today = DateTime.now().setZone(event.timeZone).plus({ days: 1 }).toISODate()!;
    if (dto.depositedOn > today) {
      throw new AppError(422, 'INSTRUMENT.IN_THE_FUTURE', 'An instrument is recorded once it has been deposited');
    }
    const existing = await manager
      .createQueryBuilder(Instrument, 'i')
      .where('i.event_id = :eventId AND i.participant_id = :participantId AND i.voided_at IS NULL', {
        eventId,
        participantId: participant.id,
      })
      .getOne();
    if (existing) {
      throw new AppError(
        409,
        'INSTRUMENT.ALREADY_DEPOSITED',
        `${participant.nameEn} has already deposited an instrument`,
        {
          instrumentId: existing.id,
          kind: existing.kind,
          depositedOn: existing.depositedOn,
        },
      );
    }
    const signature = await manager
      .createQueryBuilder(Signature, 's')
      .where('s.event_id = :eventId AND s.participant_id = :participantId AND s.voided_at IS NULL', {
        eventId,
        participantId: participant.id,
      })
      .getOne();
    if (needsSignature(dto.kind)) {
      if (!signature) {
        throw new AppError(
          422,
          'INSTRUMENT.SIGNATURE_REQUIRED',
          `${participant.nameEn} has not signed: a party that did not sign accedes`,
          { kind: dto.kind },
        );
      }
      const signedOn = localDate(signature.signedAt, event.timeZone);
      if (dto.depositedOn < signedOn) {
        throw new AppError(422, 'INSTRUMENT.BEFORE_SIGNATURE', `${participant.nameEn} signed on ${signedOn}`, {
          signedOn,
        });
      }
    } else if (signature) {
      throw new AppError(
        422,
        'INSTRUMENT.SIGNATORY_ACCEDING',
        `${participant.nameEn} has signed: it ratifies, accepts or approves rather than accedes`,
        { signatureId: signature.id },
      );
    }
    const [{ next }] = (await manager.query(
      'SELECT coalesce(max(sequence), 0) + 1 AS next FROM instruments WHERE event_id = $1',
      [eventId],
    )) as [{ next: number }];
    const instrument = await manager.save(
      manager.create(Instrument, {
        eventId,
        participantId: participant.id,
        partyKind,
        kind: dto.kind,
        signatureId: needsSignature(dto.kind) ? signature!.id : null,
        depositedOn: dto.depositedOn,
        sequence: Number(next),
        declarations: dto.declarations?.trim() || null,
        reservations: dto.reservations?.trim() || null,
        depositaryNotification: dto.depositaryNotification ?? null,
        recordedBy: organiserId(caller),
        voidedAt: null,
        voidedBy: null,
        voidReason: null,
      }),
    );
    await this.audit.record(manager, {
      action: 'instrument.deposited',
      entityType: 'instrument',
      entityId: instrument.id,
      eventId,
      after: snapshot(instrument, participant),
    });
    instrument.participant = participant;
    instrument.event = event;
    return instrument;
  }

  async void(caller: Caller, eventId: string, instrumentId: string, reason: string): Promise<Instrument> {
    const instrument = await this.dataSource.transaction(async (manager) => {
      const event = await lockEvent(manager, eventId);
      const found = await manager.findOne(Instrument, {
        where: { id: instrumentId, eventId },
        relations: { participant: true },
      });
      if (!found) throw notFound('Instrument', instrumentId);
      if (found.voidedAt) {
        throw new AppError(409, 'INSTRUMENT.ALREADY_VOIDED', 'This instrument is already void', {
          voidedAt: toZonedIso(found.voidedAt, event.timeZone),
        });
      }
      const before = snapshot(found, found.participant!);
      found.voidedAt = new Date();
      found.voidedBy = organiserId(caller);
      found.voidReason = reason.trim();
      await manager.save(found);
      await this.audit.record(manager, {
        action: 'instrument.voided',
        entityType: 'instrument',
        entityId: found.id,
        eventId,
        before,
        after: snapshot(found, found.participant!),
      });
      found.event = event;
      return found;
    });
    this.cache.changed(eventId);
    return instrument;
  }

  /** Every instrument of the event in order of deposit, with where it stands for entry into force. */
  async list(eventId: string, includeVoided: boolean): Promise<InstrumentRecord> {
    const manager = this.dataSource.manager;
    const event = await manager.findOneBy(Event, { id: eventId });
    if (!event) throw notFound('Event', eventId);
    const all = await manager.find(Instrument, {
      where: { eventId },
      relations: { participant: true },
      order: { depositedOn: 'ASC', sequence: 'ASC' },
    });
    const standing = all.filter((i) => i.voidedAt === null);
    const eif = entryIntoForce(standing, {
      threshold: event.eifThreshold,
      daysAfter: event.eifDaysAfter,
      daysAfterLaterDeposit: event.eifDaysAfterLaterDeposit,
    });
    const voided = includeVoided ? all.filter((i) => i.voidedAt !== null) : [];
    return { event, instruments: [...eif.instruments.map((s) => s.instrument), ...voided], eif };
  }
}

function snapshot(i: Instrument, participant: Participant) {
  return {
    participantCode: participant.code,
    kind: i.kind,
    depositedOn: i.depositedOn,
    sequence: i.sequence,
    signatureId: i.signatureId,
    declarations: i.declarations,
    reservations: i.reservations,
    depositaryNotification: i.depositaryNotification,
    voidedAt: i.voidedAt?.toISOString() ?? null,
    voidReason: i.voidReason,
  };
}
