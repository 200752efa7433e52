import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ANY_ORGANISER, ApiProblems } from '@accord/core';
import { CreateRoomDto, UpdateRoomDto } from './dto/room-input.dto.js';
import { RoomDto } from './dto/room.dto.js';
import { RoomsService } from './rooms.service.js';

@ApiTags('programme')
@Controller('events/:eventId/rooms')
export class RoomsController {
  constructor(private readonly rooms: RoomsService) {}

  @Get()
  @Access(...ANY_ORGANISER)
  @ApiOperation({ summary: "The venue's rooms, with capacity and layout notes" })
  @ApiOkResponse({ type: [RoomDto] })
  @ApiProblems(400, 404)
  async list(@Param('eventId', ParseUUIDPipe) eventId: string): Promise<RoomDto[]> {
    const event = await this.rooms.event(eventId);
    return (await this.rooms.list(eventId)).map((r) => RoomDto.from(r, event.timeZone));
  }

  @Post()
  @Access('protocol')
  @ApiOperation({ summary: 'Add a room' })
  @ApiCreatedResponse({ type: RoomDto })
  @ApiProblems(400, 404, 409)
  async create(@Param('eventId', ParseUUIDPipe) eventId: string, @Body() dto: CreateRoomDto): Promise<RoomDto> {
    const room = await this.rooms.create(eventId, dto);
    return RoomDto.from(room, (await this.rooms.event(eventId)).timeZone);
  }

  @Patch(':roomId')
  @Access('protocol')
  @ApiOperation({
    summary: 'Change a room',
    description: "Sessions already placed keep the capacity they were given; change theirs if the room's changes.",
  })
  @ApiOkResponse({ type: RoomDto })
  @ApiProblems(400, 404, 409)
  async update(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('roomId', ParseUUIDPipe) roomId: string,
    @Body() dto: UpdateRoomDto,
  ): Promise<RoomDto> {
    const room = await this.rooms.update(eventId, roomId, dto);
    return RoomDto.from(room, (await this.rooms.event(eventId)).timeZone);
  }

  @Delete(':roomId')
  @HttpCode(204)
  @Access('protocol')
  @ApiOperation({ summary: 'Delete a room no session uses' })
  @ApiNoContentResponse()
  @ApiProblems(400, 404, 409)
  async remove(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('roomId', ParseUUIDPipe) roomId: string,
  ): Promise<void> {
    await this.rooms.remove(eventId, roomId);
  }
}
