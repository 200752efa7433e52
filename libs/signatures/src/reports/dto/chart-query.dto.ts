import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { ChartPeriod } from '../signatory-reports.service.js';

export class ChartQueryDto {
  @ApiPropertyOptional({
    enum: ['all', 'ceremony'],
    default: 'all',
    description: "`ceremony`: the ceremony's days only; `all`: from the first signature to the last",
  })
  @IsOptional()
  @IsIn(['all', 'ceremony'])
  period?: ChartPeriod;
}
