import type { NotificationData, NotificationKind } from '../../notification-kinds.js';
import { renderEmail } from '../render-email.js';

const event = {
  id: 'e1',
  name: 'Signing ceremony of the United Nations Convention against Cybercrime',
  treatyShortTitle: 'Hanoi Convention',
  venue: 'National Convention Center',
  city: 'Hanoi',
  timeZone: 'Asia/Ho_Chi_Minh',
};
const render = <K extends NotificationKind>(kind: K, data: NotificationData[K], language: 'en' | 'fr' = 'en') =>
  renderEmail({
    kind,
    data,
    recipient: { name: 'Lan Pham', email: 'lan@example.org', language },
    event,
    publicUrl: 'https://accord.example.org',
  });

const session = {
  sessionId: 's1',
  kind: 'side_event',
  titleEn: 'Electronic evidence across borders',
  titleFr: 'La preuve électronique au-delà des frontières',
  timeZone: 'Asia/Ho_Chi_Minh',
  calendarUid: 'session-s1@accord',
  sequence: 3,
};
const appointment = {
  appointmentId: 'a1',
  delegationId: 'd1',
  delegationName: 'Viet Nam',
  sessionId: 's2',
  location: 'Signing Room',
  timeZone: 'Asia/Ho_Chi_Minh',
  calendarUid: 'signing-appointment-a1@accord',
  sequence: 2,
};

describe('scheduling templates', () => {
  it('should tell the old and the new time of a moved session in the event time zone, and update its calendar entry', () => {
    const email = render('session.moved', {
      ...session,
      from: {
        startsAt: '2025-10-26T14:00:00+07:00',
        endsAt: '2025-10-26T15:15:00+07:00',
        roomId: 'r1',
        roomName: 'Room 201',
      },
      to: {
        startsAt: '2025-10-26T16:00:00+07:00',
        endsAt: '2025-10-26T17:15:00+07:00',
        roomId: 'r2',
        roomName: 'Room 305',
      },
    });
    expect(email.bulk).toBe(false);
    expect(email.subject).toBe('Hanoi Convention – Session moved: Electronic evidence across borders');
    expect(email.text).toContain('Now: Sunday, 26 October 2025, 16:00–17:15 (UTC+7)');
    expect(email.text).toContain('Was: Sunday, 26 October 2025, 14:00–15:15 (UTC+7), Room 201');
    expect(email.text).toContain('Where: Room 305, National Convention Center, Hanoi');
    expect(email.calendar!.content).toContain('UID:session-s1@accord');
    expect(email.calendar!.content).toContain('SEQUENCE:3');
    expect(email.calendar!.content).toContain('DTSTART:20251026T090000Z');
  });

  it('should write French titles and typography for French readers', () => {
    const email = render(
      'session.cancelled',
      {
        ...session,
        startsAt: '2025-10-26T14:00:00+07:00',
        endsAt: '2025-10-26T15:15:00+07:00',
        roomName: 'Room 201',
        reason: 'Intervenant absent',
      },
      'fr',
    );
    expect(email.subject).toBe(
      'Hanoi Convention – Séance annulée\u00a0: La preuve électronique au-delà des frontières',
    );
    expect(email.text).toContain('Motif\u00a0: Intervenant absent');
    expect(email.calendar!.content).toContain('STATUS:CANCELLED');
  });

  it('should confirm, move, cancel and remind of a signing appointment', () => {
    const at = { startsAt: '2025-10-25T10:45:00+07:00', endsAt: '2025-10-25T10:50:00+07:00' };
    const booked = render('appointment.booked', { ...appointment, ...at });
    expect(booked.subject).toBe('Hanoi Convention – Signing appointment booked: Viet Nam');
    expect(booked.text).toContain('When: Saturday, 25 October 2025, 10:45–10:50 (UTC+7)');
    expect(booked.text).toContain('full powers');
    expect(booked.calendar!.content).toContain('UID:signing-appointment-a1@accord');

    const moved = render('appointment.moved', {
      ...appointment,
      cause: 'reordered',
      previousAppointmentId: null,
      from: { startsAt: '2025-10-25T11:00:00+07:00', endsAt: '2025-10-25T11:05:00+07:00' },
      to: at,
    });
    expect(moved.text).toContain('The organisers changed the order of signature.');
    expect(moved.text).toContain('Was: Saturday, 25 October 2025, 11:00–11:05 (UTC+7)');

    const cancelled = render(
      'appointment.cancelled',
      { ...appointment, ...at, cause: 'session_cancelled', reason: null },
      'fr',
    );
    expect(cancelled.subject).toBe('Hanoi Convention – Rendez-vous de signature annulé\u00a0: Viet Nam');
    expect(cancelled.calendar!.content).toContain('STATUS:CANCELLED');

    expect(render('appointment.reminder', { ...appointment, ...at, hoursBefore: 1 }).subject).toBe(
      'Hanoi Convention – Reminder: signing appointment in one hour',
    );
    expect(render('appointment.reminder', { ...appointment, ...at, hoursBefore: 24 }, 'fr').subject).toBe(
      'Hanoi Convention – Rappel\u00a0: rendez-vous de signature demain',
    );
  });

  it('should announce a published session and a seat given from the waiting list', () => {
    const where = { startsAt: '2025-10-25T14:00:00+07:00', endsAt: '2025-10-25T15:00:00+07:00', roomName: 'Room 2' };
    expect(render('session.published', { ...session, ...where }).subject).toBe(
      'Hanoi Convention – In the programme: Electronic evidence across borders',
    );
    const promoted = render('attendance.promoted', {
      ...session,
      ...where,
      attendeeId: 'x',
      memberId: 'm',
      delegationId: 'd',
    });
    expect(promoted.subject).toBe('Hanoi Convention – Seat confirmed: Electronic evidence across borders');
    expect(promoted.text).toContain('you were on the waiting list');
  });
});
