import { AppError, toZonedDate, toZonedIso } from '@accord/core';
import type { Event } from '@accord/events';

/** Art. 64: after the ceremony the treaty stays open for signature at United Nations Headquarters. */
export const DEPOSITARY_SEAT = 'New York';

/** How far ahead of the server's clock a signing time may be (clocks at the signing table drift). */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

type WindowEvent = Pick<Event, 'timeZone' | 'startsOn' | 'endsOn' | 'signatureClosesOn' | 'city'>;

/** The event's local date of an instant. */
export const localDate = (at: Date, timeZone: string) => toZonedDate(at, timeZone);

/** Where a signature at that time takes place: the ceremony's city during the ceremony, New York afterwards. */
export function placeFor(event: WindowEvent, signedAt: Date): string {
  const day = localDate(signedAt, event.timeZone);
  return day >= event.startsOn && day <= event.endsOn ? event.city : DEPOSITARY_SEAT;
}

/**
 * Refuses a signing time outside the period the treaty is open for signature (from the opening day to the closing
 * date, both in the event's zone), or in the future.
 */
export function checkSigningTime(event: WindowEvent, signedAt: Date, now = new Date()): void {
  const day = localDate(signedAt, event.timeZone);
  if (day < event.startsOn) {
    throw new AppError(422, 'SIGNATURE.BEFORE_OPENING', `The treaty opens for signature on ${event.startsOn}`, {
      opensOn: event.startsOn,
    });
  }
  if (event.signatureClosesOn && day > event.signatureClosesOn) {
    throw new AppError(
      422,
      'SIGNATURE.CLOSED',
      `The treaty was open for signature until ${event.signatureClosesOn}; a State may now accede instead`,
      { closedOn: event.signatureClosesOn },
    );
  }
  if (signedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw new AppError(422, 'SIGNATURE.IN_THE_FUTURE', 'A signature is recorded once it has taken place', {
      now: toZonedIso(now, event.timeZone),
    });
  }
}

/** Takes the given place if it agrees with art. 64 (case aside), else refuses; defaults to the expected one. */
export function resolvePlace(event: WindowEvent, signedAt: Date, given?: string): string {
  const expected = placeFor(event, signedAt);
  if (given === undefined) return expected;
  if (given.trim().toLowerCase() !== expected.toLowerCase()) {
    throw new AppError(
      422,
      'SIGNATURE.WRONG_PLACE',
      `On ${localDate(signedAt, event.timeZone)} the treaty is open for signature in ${expected}`,
      { expected },
    );
  }
  return expected;
}
