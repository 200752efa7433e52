import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Not } from 'typeorm';
import { APP_CONFIG, notFound, type AppConfig } from '@accord/core';
import { delegationName, Delegation } from '@accord/delegations';
import { Event } from '@accord/events';
import { SessionAttendee } from '../attendance/session-attendee.entity.js';
import { ProgrammeService } from '../sessions/programme.service.js';
import { SessionSpeaker } from '../sessions/session-speaker.entity.js';
import { Session } from '../sessions/session.entity.js';
import { appointmentUid, sessionUid } from '../shared/calendar-uid.js';
import { AppointmentStatus, AttendanceStatus, SessionStatus, SessionVisibility } from '../shared/scheduling-kinds.js';
import { loadAppointments, signatories } from '../signing/appointment-context.js';
import { SigningAppointment } from '../signing/signing-appointment.entity.js';
import { renderCalendar, type CalendarEntry, type CalendarLanguage } from './ics-calendar.js';

const KIND_LABELS: Record<string, { en: string; fr: string }> = {
  opening: { en: 'Opening ceremony', fr: "Cérémonie d'ouverture" },
  signing: { en: 'Signing', fr: 'Signature' },
  plenary: { en: 'Plenary', fr: 'Plénière' },
  round_table: { en: 'Round table', fr: 'Table ronde' },
  side_event: { en: 'Side event', fr: 'Manifestation parallèle' },
  bilateral: { en: 'Bilateral meeting', fr: 'Réunion bilatérale' },
  press: { en: 'Press', fr: 'Presse' },
  other: { en: 'Other', fr: 'Autre' },
};

/** The iCalendar feeds: the public programme, and one delegation's own timetable. */
@Injectable()
export class CalendarService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programme: ProgrammeService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Every public session once published; a cancelled one stays, marked CANCELLED, so calendars drop it. */
  async publicFeed(eventId: string, language: CalendarLanguage): Promise<string> {
    const event = await this.programme.event(eventId);
    const sessions = await this.dataSource.manager.find(Session, {
      where: { eventId, visibility: SessionVisibility.Public, publishedAt: Not(IsNull()) },
      relations: { room: true },
      order: { startsAt: 'ASC', id: 'ASC' },
    });
    const entries = await this.sessionEntries(event, sessions, language, new Map());
    return renderCalendar(event, `${event.treatyShortTitle} – programme`, language, entries);
  }

  /**
   * A delegation's timetable: its signing appointment(s) and the published sessions where its members speak or
   * hold a seat (TENTATIVE while waitlisted).
   */
  async delegationFeed(eventId: string, delegationId: string, language: CalendarLanguage): Promise<string> {
    const event = await this.programme.event(eventId);
    const delegation = await this.dataSource.manager.findOne(Delegation, {
      where: { id: delegationId, eventId },
      relations: { participant: true },
    });
    if (!delegation) throw notFound('Delegation', delegationId);
    const entries: CalendarEntry[] = [];

    const appointmentIds = (
      await this.dataSource.manager.find(SigningAppointment, {
        select: { id: true },
        where: { eventId, delegationId },
      })
    ).map((a) => a.id);
    const title = language === 'fr' ? 'Signature' : 'Signing';
    for (const a of await loadAppointments(this.dataSource.manager, appointmentIds)) {
      const signatory = signatories(a.delegation)[0];
      entries.push({
        uid: appointmentUid(a.id),
        sequence: a.sequence,
        startsAt: a.slot.startsAt,
        endsAt: a.slot.endsAt,
        summary: `${title}: ${event.treatyShortTitle} – ${delegationName(a.delegation)}`,
        description: signatory
          ? `${language === 'fr' ? 'Signataire' : 'Signatory'}: ${signatory.fullName}${signatory.title ? `, ${signatory.title}` : ''}`
          : '',
        location: this.location(event, a.slot.session?.room?.name ?? ''),
        status: [AppointmentStatus.Booked, AppointmentStatus.Done].includes(a.status) ? 'confirmed' : 'cancelled',
        updatedAt: a.updatedAt,
        category: KIND_LABELS.signing![language],
      });
    }

    const speaking = await this.dataSource.manager.find(SessionSpeaker, { where: { delegationId } });
    const attending = await this.dataSource.manager.find(SessionAttendee, {
      where: { delegationId, status: In([AttendanceStatus.Registered, AttendanceStatus.Waitlisted]) },
    });
    const sessionIds = [...new Set([...speaking, ...attending].map((r) => r.sessionId))];
    const sessions = sessionIds.length
      ? await this.dataSource.manager.find(Session, {
          where: { id: In(sessionIds), publishedAt: Not(IsNull()) },
          relations: { room: true },
          order: { startsAt: 'ASC', id: 'ASC' },
        })
      : [];
    // A session where the delegation only waits for a seat is tentative; a promotion bumps its SEQUENCE here.
    const own = new Map<string, { tentative: boolean; promoted: boolean }>();
    for (const s of sessionIds) {
      const speaks = speaking.some((sp) => sp.sessionId === s);
      const seats = attending.filter((at) => at.sessionId === s);
      own.set(s, {
        tentative: !speaks && seats.every((at) => at.status === AttendanceStatus.Waitlisted),
        promoted: seats.some((at) => at.status === AttendanceStatus.Registered && at.promotedAt !== null),
      });
    }
    entries.push(...(await this.sessionEntries(event, sessions, language, own)));
    entries.sort((x, y) => x.startsAt.getTime() - y.startsAt.getTime() || x.uid.localeCompare(y.uid));
    const name = `${event.treatyShortTitle} – ${delegationName(delegation)}`;
    return renderCalendar(event, name, language, entries);
  }

  private async sessionEntries(
    event: Event,
    sessions: Session[],
    language: CalendarLanguage,
    own: Map<string, { tentative: boolean; promoted: boolean }>,
  ): Promise<CalendarEntry[]> {
    const speakers = await this.programme.speakersOf(
      this.dataSource.manager,
      sessions.map((s) => s.id),
    );
    return sessions.map((s) => {
      const names = (speakers.get(s.id) ?? []).map(
        (sp) => `${sp.member?.fullName ?? ''} (${sp.delegation ? delegationName(sp.delegation) : ''})`,
      );
      const description = [
        language === 'fr' ? s.titleEn : s.titleFr,
        s.description ?? '',
        names.length ? `${language === 'fr' ? 'Intervenants' : 'Speakers'}: ${names.join('; ')}` : '',
      ]
        .filter(Boolean)
        .join('\n\n');
      const mine = own.get(s.id);
      return {
        uid: sessionUid(s.id),
        sequence: s.sequence + (mine?.promoted ? 1 : 0),
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        summary: language === 'fr' ? s.titleFr : s.titleEn,
        description,
        location: this.location(event, s.room?.name ?? ''),
        status: s.status === SessionStatus.Cancelled ? 'cancelled' : mine?.tentative ? 'tentative' : 'confirmed',
        updatedAt: s.updatedAt,
        category: KIND_LABELS[s.kind]![language],
        url: `${this.config.publicUrl}/v1/events/${event.id}/sessions/${s.id}`,
      };
    });
  }

  private location(event: Event, room: string): string {
    return [room, event.venue, event.city].filter(Boolean).join(', ');
  }
}
