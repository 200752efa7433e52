import { ApiProperty } from '@nestjs/swagger';
import type { Participant, ParticipantNames } from '../participant.entity.js';
import { ParticipantKind, RegionalGroup, UnStatus } from '../regional-group.js';

export class ParticipantDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'VNM', description: 'ISO 3166-1 alpha-3 for States, EU for the European Union' })
  code!: string;
  @ApiProperty({ enum: ParticipantKind }) kind!: ParticipantKind;
  @ApiProperty({ nullable: true, type: String, example: 'VNM' }) alpha3!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'VN' }) alpha2!: string | null;
  @ApiProperty({ example: 'Viet Nam' }) nameEn!: string;
  @ApiProperty({ example: 'Viet Nam' }) nameFr!: string;
  @ApiProperty({
    description: 'Names by language (en, fr, es, ru, zh, ar, vi) where the data package has them',
    example: { en: 'Viet Nam', fr: 'Viet Nam', vi: 'Việt Nam' },
  })
  names!: ParticipantNames;
  @ApiProperty({ enum: UnStatus, nullable: true }) unStatus!: UnStatus | null;
  @ApiProperty({ enum: RegionalGroup, nullable: true }) regionalGroup!: RegionalGroup | null;

  static from(p: Participant): ParticipantDto {
    return {
      id: p.id,
      code: p.code,
      kind: p.kind,
      alpha3: p.alpha3,
      alpha2: p.alpha2,
      nameEn: p.nameEn,
      nameFr: p.nameFr,
      names: p.names,
      unStatus: p.unStatus,
      regionalGroup: p.regionalGroup,
    };
  }
}

export class ParticipantListDto {
  @ApiProperty({ type: [ParticipantDto] }) items!: ParticipantDto[];
  @ApiProperty() total!: number;
}
