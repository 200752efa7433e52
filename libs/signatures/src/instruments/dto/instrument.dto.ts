import { ApiProperty } from '@nestjs/swagger';
import { toZonedIso } from '@accord/core';
import { INSTRUMENT_ABBREVIATIONS, InstrumentKind } from '../instrument-kind.js';
import type { Instrument } from '../instrument.entity.js';

export class InstrumentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'VNM' }) participantCode!: string;
  @ApiProperty({ example: 'Viet Nam' }) participantName!: string;
  @ApiProperty({ enum: ['state', 'reio'] }) partyKind!: string;
  @ApiProperty({ enum: InstrumentKind }) kind!: InstrumentKind;
  @ApiProperty({ example: 'AA', description: "The depositary's abbreviation (empty for ratification)" })
  abbreviation!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) signatureId!: string | null;
  @ApiProperty({ format: 'date' }) depositedOn!: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Place in the order of deposit (standing instruments)' })
  position!: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Its number among the instruments counted toward entry into force (States only)',
  })
  countedAs!: number | null;
  @ApiProperty({
    format: 'date',
    nullable: true,
    type: String,
    description: 'When the treaty enters (or entered) into force for this party, once the threshold is reached',
  })
  entryIntoForceOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) declarations!: string | null;
  @ApiProperty({ nullable: true, type: String }) reservations!: string | null;
  @ApiProperty({ nullable: true, type: String }) depositaryNotification!: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty() voided!: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) voidedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) voidReason!: string | null;

  /** Needs `participant` loaded. */
  static from(
    i: Instrument,
    timeZone: string,
    standing?: { position: number; countedAs: number | null; entryIntoForceOn: string | null },
  ): InstrumentDto {
    return {
      id: i.id,
      participantCode: i.participant!.code,
      participantName: i.participant!.nameEn,
      partyKind: i.partyKind,
      kind: i.kind,
      abbreviation: INSTRUMENT_ABBREVIATIONS[i.kind],
      signatureId: i.signatureId,
      depositedOn: i.depositedOn,
      position: standing?.position ?? null,
      countedAs: standing?.countedAs ?? null,
      entryIntoForceOn: standing?.entryIntoForceOn ?? null,
      declarations: i.declarations,
      reservations: i.reservations,
      depositaryNotification: i.depositaryNotification,
      recordedAt: toZonedIso(i.recordedAt, timeZone),
      voided: i.voidedAt !== null,
      voidedAt: i.voidedAt ? toZonedIso(i.voidedAt, timeZone) : null,
      voidReason: i.voidReason,
    };
  }
}

export class EntryIntoForceDto {
  @ApiProperty() threshold!: number;
  @ApiProperty() daysAfter!: number;
  @ApiProperty() daysAfterLaterDeposit!: number;
  @ApiProperty({ description: "States' instruments counted so far" }) counted!: number;
  @ApiProperty() remaining!: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) thresholdInstrumentId!: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) entryIntoForceOn!: string | null;
  @ApiProperty({
    description:
      "How a REIO's instrument is counted: not at all toward the threshold (art. 65(1): not additional to its member States')",
  })
  reioRule!: string;
}

export class InstrumentListDto {
  @ApiProperty({ type: [InstrumentDto], description: 'In order of deposit; voided ones last when included' })
  items!: InstrumentDto[];
  @ApiProperty({ type: EntryIntoForceDto }) entryIntoForce!: EntryIntoForceDto;
}
