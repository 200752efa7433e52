import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { notFound } from '@accord/core';
import { Event } from '@accord/events';
import { SIGNATURE_ORDER_SQL } from '../shared/signature-order.js';
import type { SignatorySummaryDto } from './dto/summary.dto.js';
import { buildSummary, type InstrumentRow, type SignatoryRow } from './signatory-summary.js';

/** Reads the standing (not voided) signatures and instruments of an event, for the summary, the list and the charts. */
@Injectable()
export class SignatorySummaryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async event(eventId: string, manager: EntityManager = this.dataSource.manager): Promise<Event> {
    const event = await manager.findOneBy(Event, { id: eventId });
    if (!event) throw notFound('Event', eventId);
    return event;
  }

  async compute(eventId: string, now = new Date()): Promise<SignatorySummaryDto> {
    // One snapshot for the three reads, so the counts always agree with each other.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const event = await this.event(eventId, manager);
      const [signatures, instruments] = await Promise.all([
        this.standingSignatures(manager, eventId),
        this.standingInstruments(manager, eventId),
      ]);
      return buildSummary(event, signatures, instruments, now);
    });
  }

  /** In order of signature. */
  async standingSignatures(manager: EntityManager, eventId: string): Promise<SignatoryRow[]> {
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT s.id, p.code, p.name_en AS name, s.party_kind, p.regional_group, s.rank, s.signed_at, s.recorded_at, s.place
         FROM signatures s JOIN participants p ON p.id = s.participant_id
        WHERE s.event_id = $1 AND s.voided_at IS NULL
        ORDER BY ${SIGNATURE_ORDER_SQL('s')}`,
      [eventId],
    );
    return rows.map((r) => ({
      id: r.id as string,
      code: r.code as string,
      name: r.name as string,
      partyKind: r.party_kind as SignatoryRow['partyKind'],
      regionalGroup: (r.regional_group as SignatoryRow['regionalGroup']) ?? null,
      rank: r.rank as SignatoryRow['rank'],
      signedAt: r.signed_at as Date,
      recordedAt: r.recorded_at as Date,
      place: r.place as string,
    }));
  }

  async standingInstruments(manager: EntityManager, eventId: string): Promise<InstrumentRow[]> {
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT i.id, p.code, p.name_en AS name, i.party_kind, i.kind, to_char(i.deposited_on, 'YYYY-MM-DD') AS deposited_on,
              i.sequence
         FROM instruments i JOIN participants p ON p.id = i.participant_id
        WHERE i.event_id = $1 AND i.voided_at IS NULL
        ORDER BY i.deposited_on, i.sequence`,
      [eventId],
    );
    return rows.map((r) => ({
      id: r.id as string,
      code: r.code as string,
      name: r.name as string,
      partyKind: r.party_kind as InstrumentRow['partyKind'],
      kind: r.kind as InstrumentRow['kind'],
      depositedOn: r.deposited_on as string,
      sequence: r.sequence as number,
    }));
  }
}
