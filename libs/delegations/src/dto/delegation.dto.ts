import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { toZonedIso } from '@accord/core';
import { DelegationKind, DelegationStatus, isPartyKind } from '../delegation-kind.js';
import { FOCAL_POINT_LANGUAGES, type Delegation } from '../delegation.entity.js';
import { RegionalGroup } from '../participants/regional-group.js';
import { MemberDto } from './member.dto.js';

export class DelegationParticipantDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'VNM' }) code!: string;
  @ApiProperty({ example: 'Viet Nam' }) nameEn!: string;
  @ApiProperty({ example: 'Viet Nam' }) nameFr!: string;
  @ApiProperty({ enum: RegionalGroup, nullable: true }) regionalGroup!: RegionalGroup | null;
}

export class FocalPointDto {
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ enum: FOCAL_POINT_LANGUAGES }) language!: string;
}

export class DelegationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ enum: DelegationKind }) kind!: DelegationKind;
  @ApiProperty({ description: "Display name: the State's or organisation's name", example: 'Viet Nam' })
  name!: string;
  @ApiProperty({ type: DelegationParticipantDto, nullable: true }) participant!: DelegationParticipantDto | null;
  @ApiProperty({ nullable: true, type: String }) organisationName!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'ISO alpha-3 of the country of an organisation' })
  countryCode!: string | null;
  @ApiProperty({ enum: RegionalGroup, nullable: true }) regionalGroup!: RegionalGroup | null;
  @ApiProperty({ enum: DelegationStatus }) status!: DelegationStatus;
  @ApiProperty({ format: 'date-time' }) statusChangedAt!: string;
  @ApiProperty({ nullable: true, type: String }) statusReason!: string | null;
  @ApiProperty({ description: 'Whether the focal point may still edit it (only while submitted)' })
  editableByFocalPoint!: boolean;
  @ApiProperty({ type: FocalPointDto }) focalPoint!: FocalPointDto;
  @ApiProperty({ nullable: true, type: String }) notes!: string | null;
  @ApiPropertyOptional({ type: [MemberDto], description: 'Omitted in lists' }) members?: MemberDto[];
  @ApiProperty() memberCount!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  /** Needs `participant` loaded for States and REIOs; includes members when they are loaded. */
  static from(d: Delegation, timeZone: string, memberCount?: number): DelegationDto {
    // A new registration's three timestamps are one instant: convert it once (the time-zone arithmetic is not free).
    let last: { time: number; iso: string } | undefined;
    const zoned = (date: Date) => {
      if (last?.time !== date.getTime()) last = { time: date.getTime(), iso: toZonedIso(date, timeZone) };
      return last.iso;
    };
    const participant = d.participant
      ? {
          id: d.participant.id,
          code: d.participant.code,
          nameEn: d.participant.nameEn,
          nameFr: d.participant.nameFr,
          regionalGroup: d.participant.regionalGroup,
        }
      : null;
    return {
      id: d.id,
      eventId: d.eventId,
      kind: d.kind,
      name: delegationName(d),
      participant,
      organisationName: d.organisationName,
      countryCode: d.countryCode,
      regionalGroup: participant?.regionalGroup ?? null,
      status: d.status,
      statusChangedAt: zoned(d.statusChangedAt),
      statusReason: d.statusReason,
      editableByFocalPoint: isEditableByFocalPoint(d.status),
      focalPoint: {
        name: d.focalPointName,
        email: d.focalPointEmail,
        phone: d.focalPointPhone,
        language: d.focalPointLanguage,
      },
      notes: d.notes,
      ...(d.members ? { members: d.members.map((m) => MemberDto.from(m)) } : {}),
      memberCount: memberCount ?? d.members?.length ?? 0,
      createdAt: zoned(d.createdAt),
      updatedAt: zoned(d.updatedAt),
    };
  }
}

/** The name a delegation goes by: the participant's English name for a party, else the organisation's. */
export function delegationName(d: Pick<Delegation, 'kind' | 'participant' | 'organisationName'>): string {
  if (isPartyKind(d.kind)) return d.participant?.nameEn ?? '';
  return d.organisationName ?? '';
}

/** Once decided (approved, waitlisted, rejected) or cancelled, a registration is locked for its focal point. */
export function isEditableByFocalPoint(status: DelegationStatus): boolean {
  return status === DelegationStatus.Submitted;
}
