import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { notFound } from '@accord/core';
import { Event } from '@accord/events';
import { DesignatedSignatory } from './designated-signatory.entity.js';
import { FullPowers } from './full-powers.entity.js';
import { FullPowersStanding } from './dto/signatory-designation.dto.js';
import { standingOf } from './full-powers.service.js';

/** Standings the treaty section still has to act on (or chase) before the party reaches the signing table. */
export const OUTSTANDING: readonly FullPowersStanding[] = [
  FullPowersStanding.NoSignatory,
  FullPowersStanding.Missing,
  FullPowersStanding.Rejected,
  FullPowersStanding.Pending,
];

export interface OutstandingParty {
  appointmentId: string;
  startsAt: Date;
  delegationId: string;
  delegationName: string;
  participantCode: string;
  partyKind: 'state' | 'reio';
  signatory: DesignatedSignatory | null;
  standing: FullPowersStanding;
  /** The document waiting for review, when one is. */
  pending: FullPowers | null;
}

/**
 * The dashboard of parties with a booked signing appointment whose full powers are not in order (none named,
 * missing, rejected, or waiting for review), soonest appointment first.
 */
@Injectable()
export class OutstandingFullPowersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(eventId: string): Promise<{ event: Event; items: OutstandingParty[] }> {
    const manager = this.dataSource.manager;
    const event = await manager.findOneBy(Event, { id: eventId });
    if (!event) throw notFound('Event', eventId);
    const rows: Array<{
      appointment_id: string;
      starts_at: Date;
      delegation_id: string;
      participant_id: string;
      code: string;
      name_en: string;
      kind: 'state' | 'reio';
    }> = await manager.query(
      `SELECT a.id AS appointment_id, s.starts_at, d.id AS delegation_id, p.id AS participant_id, p.code, p.name_en, p.kind
         FROM signing_appointments a
         JOIN signing_slots s ON s.id = a.slot_id
         JOIN delegations d ON d.id = a.delegation_id
         JOIN participants p ON p.id = d.participant_id
        WHERE a.event_id = $1 AND a.status = 'booked'
          AND NOT EXISTS (SELECT 1 FROM signatures g
                           WHERE g.event_id = a.event_id AND g.participant_id = p.id AND g.voided_at IS NULL)
        ORDER BY s.starts_at, a.created_at`,
      [eventId],
    );
    const ids = rows.map((r) => r.participant_id);
    const [designations, documents] = ids.length
      ? await Promise.all([
          manager.findBy(DesignatedSignatory, { eventId, participantId: In(ids) }),
          manager.find(FullPowers, {
            where: { eventId, participantId: In(ids) },
            order: { createdAt: 'DESC', id: 'DESC' },
          }),
        ])
      : [[], []];
    const items: OutstandingParty[] = [];
    for (const r of rows) {
      const signatory = designations.find((d) => d.participantId === r.participant_id) ?? null;
      const history = documents.filter((f) => f.participantId === r.participant_id);
      const { standing } = standingOf(signatory, r.kind, history);
      if (!OUTSTANDING.includes(standing)) continue;
      items.push({
        appointmentId: r.appointment_id,
        startsAt: r.starts_at,
        delegationId: r.delegation_id,
        delegationName: r.name_en,
        participantCode: r.code,
        partyKind: r.kind,
        signatory,
        standing,
        pending: history.find((f) => f.status === 'pending') ?? null,
      });
    }
    return { event, items };
  }
}
