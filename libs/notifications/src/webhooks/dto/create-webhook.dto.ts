import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { NOTIFICATION_KINDS } from '../../email/templates/index.js';
import type { NotificationKind } from '../../notification-kinds.js';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://console.example.org/hooks/accord', description: 'http or https, no credentials' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false, disallow_auth: true })
  @MaxLength(2000)
  url!: string;

  @ApiProperty({ enum: NOTIFICATION_KINDS, isArray: true, description: 'The notification kinds it receives' })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsIn(NOTIFICATION_KINDS, { each: true })
  kinds!: NotificationKind[];

  @ApiPropertyOptional({ format: 'uuid', description: "Only this ceremony's notifications (default: every one)" })
  @IsOptional()
  @IsUUID()
  eventId?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}
