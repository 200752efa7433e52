import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  Access,
  ANY_ORGANISER,
  ApiProblems,
  csvHeaders,
  CurrentCaller,
  renderCsv,
  wantsCsv,
  type Caller,
} from '@accord/core';
import {
  AppointmentOutcomeDto,
  BookAppointmentDto,
  CancelAppointmentDto,
  MoveAppointmentDto,
  ReorderDto,
} from './dto/appointment-input.dto.js';
import { AppointmentQueryDto, RunningOrderQueryDto } from './dto/appointment-query.dto.js';
import { AppointmentDto, RunningOrderEntryDto } from './dto/appointment.dto.js';
import { SigningAppointmentsService } from './signing-appointments.service.js';

@ApiTags('signing')
@Controller('events/:eventId')
export class SigningAppointmentsController {
  constructor(private readonly appointments: SigningAppointmentsService) {}

  @Get('signing-appointments')
  @Access('focal-point', ...ANY_ORGANISER)
  @ApiOperation({ summary: "Signing appointments in time order (a focal point: its own delegation's)" })
  @ApiOkResponse({ type: [AppointmentDto] })
  @ApiProblems(400, 404)
  async list(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Query() query: AppointmentQueryDto,
    @CurrentCaller() caller: Caller,
  ): Promise<AppointmentDto[]> {
    const event = await this.appointments.event(eventId);
    return (await this.appointments.list(caller, eventId, query)).map((a) => AppointmentDto.from(a, event.timeZone));
  }

  @Post('signing-appointments')
  @Access('focal-point', 'protocol', 'treaty')
  @ApiOperation({
    summary: 'Book a signing appointment',
    description:
      'For an approved State or REIO delegation (its focal point, or organisers naming it): one appointment per ' +
      'delegation and one delegation per slot, enforced by the database under any concurrency (409 ' +
      '`SIGNING.SLOT_TAKEN` or `SIGNING.ALREADY_BOOKED`). The delegation is notified and reminded 24 h and 1 h ' +
      'before.',
  })
  @ApiCreatedResponse({ type: AppointmentDto })
  @ApiProblems(400, 404, 409, 422)
  async book(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Body() dto: BookAppointmentDto,
    @CurrentCaller() caller: Caller,
  ): Promise<AppointmentDto> {
    const a = await this.appointments.book(caller, eventId, dto.slotId, dto.delegationId);
    return AppointmentDto.from(a, (await this.appointments.event(eventId)).timeZone);
  }

  @Get('signing-appointments/:appointmentId')
  @Access('focal-point', ...ANY_ORGANISER)
  @ApiOperation({ summary: 'One appointment' })
  @ApiOkResponse({ type: AppointmentDto })
  @ApiProblems(400, 404)
  async get(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('appointmentId', ParseUUIDPipe) appointmentId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<AppointmentDto> {
    const a = await this.appointments.get(caller, eventId, appointmentId);
    return AppointmentDto.from(a, (await this.appointments.event(eventId)).timeZone);
  }

  @Post('signing-appointments/:appointmentId/move')
  @HttpCode(200)
  @Access('focal-point', 'protocol', 'treaty')
  @ApiOperation({
    summary: 'Move an appointment to a free slot',
    description: 'The delegation is told the old and new times; its reminders follow the new time.',
  })
  @ApiOkResponse({ type: AppointmentDto })
  @ApiProblems(400, 404, 409)
  async move(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('appointmentId', ParseUUIDPipe) appointmentId: string,
    @Body() dto: MoveAppointmentDto,
    @CurrentCaller() caller: Caller,
  ): Promise<AppointmentDto> {
    const a = await this.appointments.move(caller, eventId, appointmentId, dto.slotId);
    return AppointmentDto.from(a, (await this.appointments.event(eventId)).timeZone);
  }

  @Post('signing-appointments/:appointmentId/cancel')
  @HttpCode(200)
  @Access('focal-point', 'protocol', 'treaty')
  @ApiOperation({ summary: 'Cancel an appointment (its reminders are dropped; the slot is free again)' })
  @ApiOkResponse({ type: AppointmentDto })
  @ApiProblems(400, 404, 409)
  async cancel(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('appointmentId', ParseUUIDPipe) appointmentId: string,
    @Body() dto: CancelAppointmentDto,
    @CurrentCaller() caller: Caller,
  ): Promise<AppointmentDto> {
    const a = await this.appointments.cancel(caller, eventId, appointmentId, dto.reason ?? null);
    return AppointmentDto.from(a, (await this.appointments.event(eventId)).timeZone);
  }

  @Post('signing-appointments/:appointmentId/outcome')
  @HttpCode(200)
  @Access('protocol', 'treaty')
  @ApiOperation({
    summary: 'Record what happened at the signing table: done, missed or rescheduled',
    description:
      'Rescheduled frees the slot; with `slotId` the delegation gets that slot at once (a new appointment, ' +
      'notified as a move).',
  })
  @ApiOkResponse({ type: AppointmentDto, description: 'The appointment marked (or its replacement, if rescheduled)' })
  @ApiProblems(400, 404, 409)
  async outcome(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('appointmentId', ParseUUIDPipe) appointmentId: string,
    @Body() dto: AppointmentOutcomeDto,
    @CurrentCaller() caller: Caller,
  ): Promise<AppointmentDto> {
    const a = await this.appointments.recordOutcome(caller, eventId, appointmentId, dto);
    return AppointmentDto.from(a, (await this.appointments.event(eventId)).timeZone);
  }

  @Get('running-order')
  @Access(...ANY_ORGANISER)
  @ApiOperation({
    summary: "The signing table's running order",
    description:
      'Booked, done and missed appointments in time order, with the signatory (the member designated to sign) ' +
      "and the party's full-powers status. `Accept: text/csv` for the table's printout.",
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: [RunningOrderEntryDto] })
  @ApiProblems(400, 404)
  async runningOrder(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Query() query: RunningOrderQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RunningOrderEntryDto[] | string> {
    const entries = await this.appointments.runningOrder(eventId, query.sessionId);
    if (!wantsCsv(request)) return entries;
    csvHeaders(reply, 'running-order.csv');
    return renderCsv(
      [
        { header: 'Order', value: (e: RunningOrderEntryDto) => e.position },
        { header: 'Starts', value: (e) => e.startsAt },
        { header: 'Ends', value: (e) => e.endsAt },
        { header: 'Party', value: (e) => e.delegation.name },
        { header: 'Code', value: (e) => e.delegation.participantCode },
        { header: 'Status', value: (e) => e.status },
        { header: 'Signatory', value: (e) => e.signatory?.fullName },
        { header: 'Title', value: (e) => e.signatory?.title },
        { header: 'Full powers', value: (e) => e.fullPowersStatus },
        { header: 'Note', value: (e) => e.note },
      ],
      entries,
    );
  }

  @Put('sessions/:sessionId/running-order')
  @Access('protocol', 'treaty')
  @ApiOperation({
    summary: 'Reorder a signing session',
    description:
      'List every booked appointment of the session in the new order; they take its booked slots in time order. ' +
      'Delegations whose time changes are notified and their reminders follow.',
  })
  @ApiOkResponse({ type: [RunningOrderEntryDto] })
  @ApiProblems(400, 404, 409)
  async reorder(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Body() dto: ReorderDto,
  ): Promise<RunningOrderEntryDto[]> {
    return this.appointments.reorder(eventId, sessionId, dto.appointmentIds);
  }
}
