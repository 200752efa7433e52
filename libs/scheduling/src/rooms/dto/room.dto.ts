import { ApiProperty } from '@nestjs/swagger';
import { toZonedIso } from '@accord/core';
import type { Room } from '../room.entity.js';

export class RoomDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'Plenary Hall A' }) name!: string;
  @ApiProperty({ example: 1200 }) capacity!: number;
  @ApiProperty({ nullable: true, type: String }) layoutNotes!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static from(room: Room, timeZone: string): RoomDto {
    return {
      id: room.id,
      eventId: room.eventId,
      name: room.name,
      capacity: room.capacity,
      layoutNotes: room.layoutNotes,
      createdAt: toZonedIso(room.createdAt, timeZone),
      updatedAt: toZonedIso(room.updatedAt, timeZone),
    };
  }
}
