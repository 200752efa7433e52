import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ANY_ORGANISER, ApiProblems, CurrentCaller, type Caller } from '@accord/core';
import { SlotDto } from './dto/appointment.dto.js';
import { CreateSlotDto, GenerateSlotsDto } from './dto/slot-input.dto.js';
import { SigningSlotsService, type SlotsView } from './signing-slots.service.js';

const toDtos = (view: SlotsView, caller: Caller) =>
  view.slots.map((slot) =>
    SlotDto.from(slot, view.event.timeZone, view.holders.get(slot.id), {
      organiser: caller.kind === 'organiser',
      delegationId: caller.kind === 'focal-point' ? caller.delegationId : null,
    }),
  );

@ApiTags('signing')
@Controller('events/:eventId/sessions/:sessionId/slots')
export class SigningSlotsController {
  constructor(private readonly slots: SigningSlotsService) {}

  @Get()
  @Access('focal-point', ...ANY_ORGANISER)
  @ApiOperation({
    summary: "A signing session's slots and which are free",
    description: 'Organisers also see which delegation holds each slot; a focal point sees its own (`mine`).',
  })
  @ApiOkResponse({ type: [SlotDto] })
  @ApiProblems(400, 404)
  async list(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<SlotDto[]> {
    return toDtos(await this.slots.list(caller, eventId, sessionId), caller);
  }

  @Post('generate')
  @HttpCode(200)
  @Access('protocol', 'treaty')
  @ApiOperation({
    summary: 'Generate slots: every N minutes from a time to a time, with breaks',
    description:
      "Local times (HH:mm) on the session's day in the event's zone; by default the whole session. Slots that " +
      'already exist are kept, so generating twice changes nothing; a slot overlapping another is a 409.',
  })
  @ApiOkResponse({ type: [SlotDto], description: "All the session's slots" })
  @ApiProblems(400, 404, 409, 422)
  async generate(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Body() dto: GenerateSlotsDto,
    @CurrentCaller() caller: Caller,
  ): Promise<SlotDto[]> {
    return toDtos(await this.slots.generate(eventId, sessionId, dto), caller);
  }

  @Post()
  @Access('protocol', 'treaty')
  @ApiOperation({ summary: 'Add one slot' })
  @ApiCreatedResponse({ type: SlotDto })
  @ApiProblems(400, 404, 409, 422)
  async add(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Body() dto: CreateSlotDto,
    @CurrentCaller() caller: Caller,
  ): Promise<SlotDto> {
    const slot = await this.slots.add(eventId, sessionId, dto);
    const view = await this.slots.list(caller, eventId, sessionId);
    return toDtos({ ...view, slots: view.slots.filter((s) => s.id === slot.id) }, caller)[0]!;
  }

  @Delete(':slotId')
  @HttpCode(204)
  @Access('protocol', 'treaty')
  @ApiOperation({ summary: 'Remove a slot no appointment ever used' })
  @ApiNoContentResponse()
  @ApiProblems(400, 404, 409)
  async remove(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Param('slotId', ParseUUIDPipe) slotId: string,
  ): Promise<void> {
    await this.slots.remove(eventId, sessionId, slotId);
  }
}
