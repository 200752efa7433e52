import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DelegationsModule } from '@accord/delegations';
import { AudienceRegistry } from '@accord/notifications';
import { AttendanceController } from './attendance/attendance.controller.js';
import { AttendanceService } from './attendance/attendance.service.js';
import { SessionAttendeesAudience } from './attendance/session-attendees.audience.js';
import { CalendarController } from './calendar/calendar.controller.js';
import { CalendarService } from './calendar/calendar.service.js';
import { RoomsController } from './rooms/rooms.controller.js';
import { RoomsService } from './rooms/rooms.service.js';
import { SCHEDULING_ENTITIES } from './scheduling-entities.js';
import { ProgrammeService } from './sessions/programme.service.js';
import { SessionNotifier } from './sessions/session-notifier.js';
import { SessionsController } from './sessions/sessions.controller.js';
import { SessionsService } from './sessions/sessions.service.js';
import { SchedulingClock } from './shared/scheduling-clock.js';
import { AppointmentNotifier } from './signing/appointment-notifier.js';
import { SigningAppointmentsController } from './signing/signing-appointments.controller.js';
import { SigningAppointmentsService } from './signing/signing-appointments.service.js';
import { SigningSlotsController } from './signing/signing-slots.controller.js';
import { SigningSlotsService } from './signing/signing-slots.service.js';

/**
 * The programme: rooms, sessions and speakers, attendance with waitlists, signing slots and appointments with
 * their reminders, and the iCalendar feeds. Exports SigningAppointmentsService for the signatures library.
 */
@Module({
  imports: [TypeOrmModule.forFeature(SCHEDULING_ENTITIES), DelegationsModule],
  controllers: [
    RoomsController,
    SessionsController,
    AttendanceController,
    SigningSlotsController,
    SigningAppointmentsController,
    CalendarController,
  ],
  providers: [
    SchedulingClock,
    RoomsService,
    ProgrammeService,
    SessionsService,
    SessionNotifier,
    AttendanceService,
    SigningSlotsService,
    SigningAppointmentsService,
    AppointmentNotifier,
    CalendarService,
    SessionAttendeesAudience,
  ],
  exports: [SigningAppointmentsService, ProgrammeService, SchedulingClock],
})
export class SchedulingModule implements OnModuleInit {
  constructor(
    private readonly audiences: AudienceRegistry,
    private readonly attendees: SessionAttendeesAudience,
  ) {}

  /** Announcements can go to the attendees of one session. */
  onModuleInit(): void {
    this.audiences.register(this.attendees);
  }
}
