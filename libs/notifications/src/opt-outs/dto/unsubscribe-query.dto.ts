import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class UnsubscribeQueryDto {
  @ApiProperty({ description: 'The signed token from the link in an announcement' })
  @IsString()
  @MaxLength(2000)
  token!: string;
}
