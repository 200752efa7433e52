import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '@accord/core';
import { DelegationKind, DelegationStatus } from '../delegation-kind.js';
import { RegionalGroup } from '../participants/regional-group.js';

export const DELEGATION_SORTS = [
  'name',
  '-name',
  'createdAt',
  '-createdAt',
  'statusChangedAt',
  '-statusChangedAt',
  'status',
  '-status',
  'kind',
  '-kind',
] as const;
export type DelegationSort = (typeof DELEGATION_SORTS)[number];

/** `?kind=state,reio` and `?kind=state&kind=reio` both work. */
const list = ({ value }: { value: unknown }) =>
  value === undefined
    ? undefined
    : (Array.isArray(value) ? value : [value])
        .flatMap((v) => String(v).split(','))
        .map((v) => v.trim())
        .filter(Boolean);

/** Filters shared by the organisers' list, its exports and the stats. */
export class DelegationFilterDto {
  @ApiPropertyOptional({ enum: DelegationKind, isArray: true, description: 'One or more, comma-separated' })
  @IsOptional()
  @Transform(list)
  @IsEnum(DelegationKind, { each: true })
  kind?: DelegationKind[];

  @ApiPropertyOptional({ enum: DelegationStatus, isArray: true, description: 'One or more, comma-separated' })
  @IsOptional()
  @Transform(list)
  @IsEnum(DelegationStatus, { each: true })
  status?: DelegationStatus[];

  @ApiPropertyOptional({ enum: RegionalGroup, isArray: true, description: "The State's UN regional group" })
  @IsOptional()
  @Transform(list)
  @IsEnum(RegionalGroup, { each: true })
  regionalGroup?: RegionalGroup[];

  @ApiPropertyOptional({
    description: 'Text in the name (any language), organisation, focal point, or a member name or e-mail',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

const sortProperty = () =>
  ApiPropertyOptional({ enum: DELEGATION_SORTS, default: 'createdAt', description: '`-` for descending' });

export class DelegationQueryDto extends IntersectionType(PageQueryDto, DelegationFilterDto) {
  @sortProperty()
  @IsOptional()
  @IsIn(DELEGATION_SORTS)
  sort?: DelegationSort;
}

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export const EXPORT_ROWS = ['delegations', 'members'] as const;

export class DelegationExportQueryDto extends DelegationFilterDto {
  @sortProperty()
  @IsOptional()
  @IsIn(DELEGATION_SORTS)
  sort?: DelegationSort;

  @ApiPropertyOptional({
    enum: EXPORT_FORMATS,
    default: 'csv',
    description: '`csv` (UTF-8 with BOM, comma-separated, CRLF) or `xlsx` (an Excel workbook)',
  })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: (typeof EXPORT_FORMATS)[number];

  @ApiPropertyOptional({
    enum: EXPORT_ROWS,
    default: 'delegations',
    description: 'One row per delegation or per member',
  })
  @IsOptional()
  @IsIn(EXPORT_ROWS)
  rows?: (typeof EXPORT_ROWS)[number];
}
