import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { notFound, page, validationFailed, type Caller, type Page } from '@accord/core';
import { Event } from '@accord/events';
import { dayBounds } from '../shared/event-time.js';
import { AttendanceStatus, SessionStatus, SessionVisibility } from '../shared/scheduling-kinds.js';
import { SessionDto } from './dto/session.dto.js';
import type { SessionQueryDto } from './dto/session-query.dto.js';
import { SessionSpeaker } from './session-speaker.entity.js';
import { Session } from './session.entity.js';

/** Organisers see every session; anyone else sees the published, public ones. */
export const seesEverything = (caller: Caller) => caller.kind === 'organiser';

/** The programme as each caller may see it. */
@Injectable()
export class ProgrammeService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async event(eventId: string): Promise<Event> {
    const event = await this.dataSource.manager.findOneBy(Event, { id: eventId });
    if (!event) throw notFound('Event', eventId);
    return event;
  }

  async list(caller: Caller, eventId: string, query: SessionQueryDto): Promise<Page<SessionDto>> {
    const event = await this.event(eventId);
    const qb = this.dataSource.manager
      .createQueryBuilder(Session, 's')
      .innerJoinAndSelect('s.room', 'r')
      .where('s.event_id = :eventId', { eventId });
    if (seesEverything(caller)) {
      if (query.status) qb.andWhere('s.status = :status', { status: query.status });
      if (query.visibility) qb.andWhere('s.visibility = :visibility', { visibility: query.visibility });
    } else {
      qb.andWhere('s.status = :status AND s.visibility = :visibility', {
        status: SessionStatus.Published,
        visibility: SessionVisibility.Public,
      });
    }
    if (query.day) {
      const bounds = dayBounds(query.day, event.timeZone);
      if (!bounds) throw validationFailed([{ field: 'query.day', message: 'day must be a real date' }]);
      qb.andWhere('s.starts_at >= :dayStart AND s.starts_at < :dayEnd', {
        dayStart: bounds.start,
        dayEnd: bounds.end,
      });
    }
    if (query.kind) qb.andWhere('s.kind = :kind', { kind: query.kind });
    if (query.roomId) qb.andWhere('s.room_id = :roomId', { roomId: query.roomId });
    const [sessions, total] = await qb
      .orderBy('s.starts_at', 'ASC')
      .addOrderBy('r.name', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    const items = await this.toDtos(this.dataSource.manager, sessions, event.timeZone);
    return page(items, total, query);
  }

  /**
   * One session. Others than organisers see it once published (also after a cancellation, so a shared link
   * says it was cancelled rather than that it never existed) and only when public.
   */
  async get(caller: Caller, eventId: string, sessionId: string): Promise<SessionDto> {
    const event = await this.event(eventId);
    const session = await this.dataSource.manager.findOne(Session, {
      where: { id: sessionId, eventId },
      relations: { room: true },
    });
    if (!session || !isVisible(caller, session)) throw notFound('Session', sessionId);
    const [dto] = await this.toDtos(this.dataSource.manager, [session], event.timeZone);
    return dto!;
  }

  async toDtos(manager: EntityManager, sessions: Session[], timeZone: string): Promise<SessionDto[]> {
    const ids = sessions.map((s) => s.id);
    const speakers = await this.speakersOf(manager, ids);
    const waiting = await this.waitlistCounts(manager, ids);
    return sessions.map((s) => SessionDto.from(s, timeZone, speakers.get(s.id) ?? [], waiting.get(s.id) ?? 0));
  }

  async speakersOf(manager: EntityManager, sessionIds: string[]): Promise<Map<string, SessionSpeaker[]>> {
    const bySession = new Map<string, SessionSpeaker[]>();
    if (sessionIds.length === 0) return bySession;
    const rows = await manager.find(SessionSpeaker, {
      where: { sessionId: In(sessionIds) },
      relations: { member: true, delegation: { participant: true } },
      order: { position: 'ASC', createdAt: 'ASC' },
    });
    for (const row of rows) {
      if (!bySession.has(row.sessionId)) bySession.set(row.sessionId, []);
      bySession.get(row.sessionId)!.push(row);
    }
    return bySession;
  }

  private async waitlistCounts(manager: EntityManager, sessionIds: string[]): Promise<Map<string, number>> {
    if (sessionIds.length === 0) return new Map();
    const rows: { session_id: string; n: string }[] = await manager.query(
      `SELECT session_id, count(*) AS n FROM session_attendees
        WHERE session_id = ANY($1::uuid[]) AND status = $2 GROUP BY session_id`,
      [sessionIds, AttendanceStatus.Waitlisted],
    );
    return new Map(rows.map((r) => [r.session_id, Number(r.n)]));
  }
}

export function isVisible(caller: Caller, session: Session): boolean {
  if (seesEverything(caller)) return true;
  return session.visibility === SessionVisibility.Public && session.publishedAt !== null;
}
