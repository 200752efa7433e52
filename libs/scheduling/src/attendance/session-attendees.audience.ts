import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { notFound, validationFailed } from '@accord/core';
import type { AudienceResolver, Recipient } from '@accord/notifications';
import { Session } from '../sessions/session.entity.js';
import { recipientsFor } from '../shared/recipients.js';
import { AttendanceStatus } from '../shared/scheduling-kinds.js';
import { SessionAttendee } from './session-attendee.entity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `{ "type": "session-attendees", "params": { "sessionId": "…" } }`: for an announcement about one session (a room
 * change, a speaker replaced), the members holding a seat or waiting for one, and their focal points.
 */
@Injectable()
export class SessionAttendeesAudience implements AudienceResolver<{ sessionId: string }> {
  readonly type = 'session-attendees';
  readonly description = "A session's attendees (seated and waitlisted) and their delegations' focal points";

  parse(params: Record<string, unknown>): { sessionId: string } {
    const { sessionId, ...extra } = params;
    const errors = Object.keys(extra).map((k) => ({ field: `audience.params.${k}`, message: 'unknown param' }));
    if (typeof sessionId !== 'string' || !UUID.test(sessionId)) {
      errors.push({ field: 'audience.params.sessionId', message: 'sessionId must be a UUID' });
    }
    if (errors.length) throw validationFailed(errors);
    return { sessionId: sessionId as string };
  }

  async resolve(manager: EntityManager, eventId: string, params: { sessionId: string }): Promise<Recipient[]> {
    if (!(await manager.existsBy(Session, { id: params.sessionId, eventId }))) {
      throw notFound('Session', params.sessionId);
    }
    const attendees = await manager.find(SessionAttendee, {
      where: {
        sessionId: params.sessionId,
        status: In([AttendanceStatus.Registered, AttendanceStatus.Waitlisted]),
      },
      relations: { member: true, delegation: true },
      order: { requestedAt: 'ASC', id: 'ASC' },
    });
    return recipientsFor(
      attendees.map((a) => a.delegation!),
      attendees.map((a) => a.member!),
    );
  }
}
