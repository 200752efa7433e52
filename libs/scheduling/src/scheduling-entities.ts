import { SessionAttendee } from './attendance/session-attendee.entity.js';
import { Room } from './rooms/room.entity.js';
import { SessionSpeaker } from './sessions/session-speaker.entity.js';
import { Session } from './sessions/session.entity.js';
import { SigningAppointment } from './signing/signing-appointment.entity.js';
import { SigningSlot } from './signing/signing-slot.entity.js';

export const SCHEDULING_ENTITIES = [Room, Session, SessionSpeaker, SessionAttendee, SigningSlot, SigningAppointment];
