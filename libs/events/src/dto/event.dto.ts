import { ApiProperty } from '@nestjs/swagger';
import { toZonedIso } from '@accord/core';
import type { Event } from '../event.entity.js';
import { SeatsPerDelegationDto } from './seats-per-delegation.dto.js';

export class EventDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty() treatyTitle!: string;
  @ApiProperty() treatyShortTitle!: string;
  @ApiProperty() venue!: string;
  @ApiProperty() city!: string;
  @ApiProperty() timeZone!: string;
  @ApiProperty({ format: 'date' }) startsOn!: string;
  @ApiProperty({ format: 'date' }) endsOn!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) signatureClosesOn!: string | null;
  @ApiProperty() signatoryGoal!: number;
  @ApiProperty() eifThreshold!: number;
  @ApiProperty() eifDaysAfter!: number;
  @ApiProperty() eifDaysAfterLaterDeposit!: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: "In the event's time zone" })
  registrationOpensAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) registrationClosesAt!: string | null;
  @ApiProperty({ nullable: true, type: Number }) maxGovernmentDelegations!: number | null;
  @ApiProperty({ nullable: true, type: Number }) maxNonGovernmentDelegations!: number | null;
  @ApiProperty({ type: SeatsPerDelegationDto }) seatsPerDelegation!: SeatsPerDelegationDto;
  @ApiProperty({ description: 'Whether the public registration form accepts submissions now' })
  registrationOpen!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static from(event: Event, now = new Date()): EventDto {
    const zoned = (d: Date | null) => (d ? toZonedIso(d, event.timeZone) : null);
    return {
      id: event.id,
      slug: event.slug,
      name: event.name,
      treatyTitle: event.treatyTitle,
      treatyShortTitle: event.treatyShortTitle,
      venue: event.venue,
      city: event.city,
      timeZone: event.timeZone,
      startsOn: event.startsOn,
      endsOn: event.endsOn,
      signatureClosesOn: event.signatureClosesOn,
      signatoryGoal: event.signatoryGoal,
      eifThreshold: event.eifThreshold,
      eifDaysAfter: event.eifDaysAfter,
      eifDaysAfterLaterDeposit: event.eifDaysAfterLaterDeposit,
      registrationOpensAt: zoned(event.registrationOpensAt),
      registrationClosesAt: zoned(event.registrationClosesAt),
      maxGovernmentDelegations: event.maxGovernmentDelegations,
      maxNonGovernmentDelegations: event.maxNonGovernmentDelegations,
      seatsPerDelegation: event.seatsPerDelegation,
      registrationOpen: isRegistrationOpen(event, now),
      createdAt: zoned(event.createdAt)!,
      updatedAt: zoned(event.updatedAt)!,
    };
  }
}

/** Open when now is inside [opensAt, closesAt); an unset bound does not limit. */
export function isRegistrationOpen(
  event: Pick<Event, 'registrationOpensAt' | 'registrationClosesAt'>,
  now = new Date(),
): boolean {
  if (event.registrationOpensAt && now < event.registrationOpensAt) return false;
  if (event.registrationClosesAt && now >= event.registrationClosesAt) return false;
  return true;
}
