import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { toZonedIso } from '@accord/core';
import type { Event } from '@accord/events';
import { OutboxService, type NotificationData } from '@accord/notifications';
import { SchedulingClock } from '../shared/scheduling-clock.js';
import { appointmentFacts, appointmentRecipients, type LoadedAppointment } from './appointment-context.js';

/** Hours before an appointment at which its delegation is reminded. */
export const REMINDER_HOURS = [24, 1] as const;

export interface Interval {
  startsAt: Date;
  endsAt: Date;
}

/**
 * Appointment notifications and reminders, in the transaction of the change. Reminders are outbox messages held
 * until 24 h and 1 h before the appointment (`deliverAfter`) and dropped if still undelivered when it starts
 * (`expiresAt`). Every change of time withdraws the pending ones and schedules new ones, so a moved appointment is
 * reminded at its new time only, and a cancelled one not at all; a reminder whose time has passed is never
 * scheduled.
 */
@Injectable()
export class AppointmentNotifier {
  constructor(
    private readonly outbox: OutboxService,
    private readonly clock: SchedulingClock,
  ) {}

  async booked(manager: EntityManager, event: Event, a: LoadedAppointment): Promise<void> {
    await this.outbox.enqueue(manager, {
      kind: 'appointment.booked',
      eventId: event.id,
      recipients: appointmentRecipients(a),
      data: { ...appointmentFacts(a, event), ...zoned(a.slot, event) },
      webhook: true,
    });
    await this.scheduleReminders(manager, event, a);
  }

  async moved(
    manager: EntityManager,
    event: Event,
    a: LoadedAppointment,
    from: Interval,
    cause: NotificationData['appointment.moved']['cause'],
    previousAppointmentId: string | null = null,
  ): Promise<void> {
    await this.outbox.enqueue(manager, {
      kind: 'appointment.moved',
      eventId: event.id,
      recipients: appointmentRecipients(a),
      data: {
        ...appointmentFacts(a, event),
        cause,
        previousAppointmentId,
        from: zoned(from, event),
        to: zoned(a.slot, event),
      },
      webhook: true,
    });
    if (previousAppointmentId) await this.dropReminders(manager, previousAppointmentId);
    await this.scheduleReminders(manager, event, a);
  }

  async cancelled(
    manager: EntityManager,
    event: Event,
    a: LoadedAppointment,
    cause: NotificationData['appointment.cancelled']['cause'],
    reason: string | null,
  ): Promise<void> {
    await this.outbox.enqueue(manager, {
      kind: 'appointment.cancelled',
      eventId: event.id,
      recipients: appointmentRecipients(a),
      data: { ...appointmentFacts(a, event), ...zoned(a.slot, event), cause, reason },
      webhook: true,
    });
    await this.dropReminders(manager, a.id);
  }

  /** Replaces the appointment's pending reminders with those its current time calls for. */
  async scheduleReminders(manager: EntityManager, event: Event, a: LoadedAppointment): Promise<void> {
    await this.dropReminders(manager, a.id);
    const now = this.clock.now().getTime();
    for (const hoursBefore of REMINDER_HOURS) {
      const due = new Date(a.slot.startsAt.getTime() - hoursBefore * 3_600_000);
      if (due.getTime() <= now) continue; // never a reminder for a time already past
      await this.outbox.enqueue(manager, {
        kind: 'appointment.reminder',
        eventId: event.id,
        recipients: appointmentRecipients(a),
        data: { ...appointmentFacts(a, event), hoursBefore, ...zoned(a.slot, event) },
        deliverAfter: due,
        expiresAt: a.slot.startsAt,
      });
    }
  }

  async dropReminders(manager: EntityManager, appointmentId: string): Promise<number> {
    return this.outbox.withdraw(manager, 'appointment.reminder', { appointmentId });
  }
}

function zoned(i: Interval, event: Event): { startsAt: string; endsAt: string } {
  return { startsAt: toZonedIso(i.startsAt, event.timeZone), endsAt: toZonedIso(i.endsAt, event.timeZone) };
}
