import { In, type EntityManager } from 'typeorm';
import { delegationName, type Delegation, type DelegationMember } from '@accord/delegations';
import type { Event } from '@accord/events';
import type { AppointmentFacts, Recipient } from '@accord/notifications';
import { appointmentUid } from '../shared/calendar-uid.js';
import { recipientsFor } from '../shared/recipients.js';
import { SigningAppointment } from './signing-appointment.entity.js';

/** An appointment with everything its notifications and views need: slot, session and room, delegation. */
export type LoadedAppointment = SigningAppointment & Required<Pick<SigningAppointment, 'slot' | 'delegation'>>;

/** Loads appointments with slot → session → room and delegation → participant, members. */
export async function loadAppointments(manager: EntityManager, ids: string[]): Promise<LoadedAppointment[]> {
  if (ids.length === 0) return [];
  const rows = await manager.find(SigningAppointment, {
    where: { id: In(ids) },
    relations: { slot: { session: { room: true } }, delegation: { participant: true, members: true } },
  });
  const byId = new Map(rows.map((r) => [r.id, r as LoadedAppointment]));
  return ids.map((id) => byId.get(id)).filter((r): r is LoadedAppointment => r !== undefined);
}

/** The member(s) designated to sign (willSign), first by position. */
export function signatories(delegation: Delegation): DelegationMember[] {
  return (delegation.members ?? []).filter((m) => m.willSign).sort((a, b) => a.position - b.position);
}

export function appointmentFacts(a: LoadedAppointment, event: Event): AppointmentFacts {
  return {
    appointmentId: a.id,
    delegationId: a.delegationId,
    delegationName: delegationName(a.delegation),
    sessionId: a.slot.sessionId,
    location: a.slot.session?.room?.name ?? '',
    timeZone: event.timeZone,
    calendarUid: appointmentUid(a.id),
    sequence: a.sequence,
  };
}

/** The focal point and the designated signatory (when reachable). */
export function appointmentRecipients(a: LoadedAppointment): Recipient[] {
  return recipientsFor([a.delegation], signatories(a.delegation));
}
