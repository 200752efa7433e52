import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { notFound, queryPrepared } from '@accord/core';
import { Event, EventSnapshots } from '@accord/events';
import { SIGNATURE_ORDER_SQL } from '../shared/signature-order.js';
import type { SignatorySummaryDto } from './dto/summary.dto.js';
import { buildSummary, type InstrumentRow, type SignatoryRow } from './signatory-summary.js';

/** Reloads of the event a summary read may need when the event is edited meanwhile, before it takes a transaction. */
const MAX_EVENT_RELOADS = 3;

const SIGNATORY_COLUMNS =
  's.id, p.code, p.name_en AS name, s.party_kind, p.regional_group, s.rank, s.signed_at, s.recorded_at, s.place';
const STANDING_SIGNATURES = `FROM signatures s JOIN participants p ON p.id = s.participant_id
  WHERE s.event_id = $1 AND s.voided_at IS NULL`;
const INSTRUMENT_COLUMNS = `i.id, p.code, p.name_en AS name, i.party_kind, i.kind,
  to_char(i.deposited_on, 'YYYY-MM-DD') AS deposited_on, i.sequence`;
const STANDING_INSTRUMENTS = `FROM instruments i JOIN participants p ON p.id = i.participant_id
  WHERE i.event_id = $1 AND i.voided_at IS NULL`;
const INSTRUMENT_ORDER_SQL = 'i.deposited_on, i.sequence';

/** The event's version and its standing signatures and instruments (in order), from one snapshot. */
const SUMMARY_SQL = `SELECT e.xmin::text AS version,
  (SELECT coalesce(json_agg(x ORDER BY ${SIGNATURE_ORDER_SQL('x')}), '[]')
     FROM (SELECT ${SIGNATORY_COLUMNS} ${STANDING_SIGNATURES}) x) AS signatures,
  (SELECT coalesce(json_agg(x ORDER BY x.deposited_on, x.sequence), '[]')
     FROM (SELECT ${INSTRUMENT_COLUMNS} ${STANDING_INSTRUMENTS}) x) AS instruments
  FROM events e WHERE e.id = $1`;

interface SummaryRow {
  version: string;
  signatures: Array<Record<string, unknown>>;
  instruments: Array<Record<string, unknown>>;
}

/** A signature row as PostgreSQL returns it, the times as Dates or (through JSON) as ISO strings. */
const signatoryRow = (r: Record<string, unknown>): SignatoryRow => ({
  id: r.id as string,
  code: r.code as string,
  name: r.name as string,
  partyKind: r.party_kind as SignatoryRow['partyKind'],
  regionalGroup: (r.regional_group as SignatoryRow['regionalGroup']) ?? null,
  rank: r.rank as SignatoryRow['rank'],
  signedAt: new Date(r.signed_at as Date | string),
  recordedAt: new Date(r.recorded_at as Date | string),
  place: r.place as string,
});

const instrumentRow = (r: Record<string, unknown>): InstrumentRow => ({
  id: r.id as string,
  code: r.code as string,
  name: r.name as string,
  partyKind: r.party_kind as InstrumentRow['partyKind'],
  kind: r.kind as InstrumentRow['kind'],
  depositedOn: r.deposited_on as string,
  sequence: r.sequence as number,
});

/** Reads the standing (not voided) signatures and instruments of an event, for the summary, the list and the charts. */
@Injectable()
export class SignatorySummaryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly snapshots: EventSnapshots,
  ) {}

  async event(eventId: string, manager: EntityManager = this.dataSource.manager): Promise<Event> {
    const event = await manager.findOneBy(Event, { id: eventId });
    if (!event) throw notFound('Event', eventId);
    return event;
  }

  /**
   * The summary in one round trip: the standing signatures and instruments read by ONE statement (one snapshot, so
   * the counts always agree with each other) with the event row's version, and the event itself from memory when
   * that is the version held (EventSnapshots). After every signature each API process recomputes it, while the
   * signing table is busiest: a transaction of four reads cost more than the signature it follows.
   */
  async compute(eventId: string, now = new Date()): Promise<SignatorySummaryDto> {
    let snapshot = await this.snapshots.get(eventId);
    for (let attempt = 1; attempt <= MAX_EVENT_RELOADS; attempt++) {
      const [row] = await queryPrepared<SummaryRow>(this.dataSource.manager, SUMMARY_SQL, [eventId]);
      if (!row) throw notFound('Event', eventId);
      if (row.version === snapshot.version) {
        return buildSummary(snapshot.event, row.signatures.map(signatoryRow), row.instruments.map(instrumentRow), now);
      }
      snapshot = await this.snapshots.reload(eventId); // edited meanwhile: read with the event as it is now
    }
    // The event keeps changing under the read: a snapshot transaction settles it.
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
      `SELECT ${SIGNATORY_COLUMNS} ${STANDING_SIGNATURES} ORDER BY ${SIGNATURE_ORDER_SQL('s')}`,
      [eventId],
    );
    return rows.map(signatoryRow);
  }

  async standingInstruments(manager: EntityManager, eventId: string): Promise<InstrumentRow[]> {
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT ${INSTRUMENT_COLUMNS} ${STANDING_INSTRUMENTS} ORDER BY ${INSTRUMENT_ORDER_SQL}`,
      [eventId],
    );
    return rows.map(instrumentRow);
  }
}
