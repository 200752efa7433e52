import '@fastify/multipart';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Access, ANY_ORGANISER, ApiProblems, CurrentCaller, sendCsv, wantsCsv, type Caller } from '@accord/core';
import { readSingleFile } from '@accord/delegations';
import { DesignateSignatoryDto } from './dto/designate-signatory.dto.js';
import { FullPowersDto } from './dto/full-powers.dto.js';
import { OutstandingFullPowersDto } from './dto/outstanding-full-powers.dto.js';
import { FullPowersQueryDto, ReviewFullPowersDto } from './dto/review-full-powers.dto.js';
import { SignatoryDesignationDto, SignatoryStatusDto } from './dto/signatory-designation.dto.js';
import { FullPowersService, MAX_FULL_POWERS_BYTES, type SignatoryStatus } from './full-powers.service.js';
import { OutstandingFullPowersService } from './outstanding-full-powers.service.js';

function statusDto(s: SignatoryStatus): SignatoryStatusDto {
  const zone = s.event.timeZone;
  return {
    participantCode: s.participant.code,
    signatory: s.designation ? SignatoryDesignationDto.from(s.designation, zone) : null,
    fullPowersRequired: s.required,
    fullPowers: s.standing,
    current: s.current ? FullPowersDto.from(s.current, zone) : null,
    history: s.history.map((f) => FullPowersDto.from(f, zone)),
    signatureId: s.signatureId,
  };
}

/** The delegation's side: who signs, and the copy of their full powers. */
@ApiTags('signatures')
@Controller('events/:eventId/delegations/:delegationId')
export class DelegationSignatoryController {
  constructor(private readonly fullPowers: FullPowersService) {}

  @Put('signatory')
  @Access('focal-point', 'protocol', 'treaty')
  @ApiOperation({
    summary: 'Name the signatory and their capacity',
    description:
      'Heads of State, heads of government and ministers for foreign affairs sign without full powers; anyone else ' +
      '(and any REIO representative) needs them. Renaming the signatory makes earlier full powers lapse.',
  })
  @ApiOkResponse({ type: SignatoryStatusDto })
  @ApiProblems(400, 404, 409, 422)
  async designate(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('delegationId', ParseUUIDPipe) delegationId: string,
    @Body() dto: DesignateSignatoryDto,
    @CurrentCaller() caller: Caller,
  ): Promise<SignatoryStatusDto> {
    return statusDto(await this.fullPowers.designate(caller, eventId, delegationId, dto));
  }

  @Get('signatory')
  @Access('focal-point', ...ANY_ORGANISER)
  @ApiOperation({ summary: 'The signatory, whether full powers are needed, and where they stand' })
  @ApiOkResponse({ type: SignatoryStatusDto })
  @ApiProblems(400, 404, 422)
  async status(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('delegationId', ParseUUIDPipe) delegationId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<SignatoryStatusDto> {
    return statusDto(await this.fullPowers.status(caller, eventId, delegationId));
  }

  @Post('full-powers')
  @Access('focal-point', 'treaty')
  @ApiOperation({
    summary: 'Upload a copy of the full powers',
    description:
      `multipart/form-data with one \`file\` (PDF, PNG or JPEG, checked by content, at most ${MAX_FULL_POWERS_BYTES / 1024 / 1024} MiB). ` +
      'It waits for review by the treaty section; a new upload replaces a pending one, not a verified one.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiCreatedResponse({ type: FullPowersDto })
  @ApiProblems(400, 404, 409, 413, 415, 422)
  async upload(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('delegationId', ParseUUIDPipe) delegationId: string,
    @CurrentCaller() caller: Caller,
    @Req() request: FastifyRequest,
  ): Promise<FullPowersDto> {
    const file = await readSingleFile(request, MAX_FULL_POWERS_BYTES, 'FULL_POWERS.TOO_LARGE');
    const fullPowers = await this.fullPowers.upload(caller, eventId, delegationId, file);
    return FullPowersDto.from(fullPowers, fullPowers.event!.timeZone);
  }

  @Get('full-powers/:fullPowersId')
  @Access('focal-point', 'treaty', 'protocol', 'admin')
  @ApiOperation({ summary: 'Download a copy of full powers (the treaty section and the delegation only)' })
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg')
  @ApiProblems(400, 404)
  async download(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('delegationId', ParseUUIDPipe) delegationId: string,
    @Param('fullPowersId', ParseUUIDPipe) fullPowersId: string,
    @CurrentCaller() caller: Caller,
    @Res() reply: FastifyReply, // sends the reply itself
  ): Promise<FastifyReply> {
    const { fullPowers, content } = await this.fullPowers.download(caller, eventId, delegationId, fullPowersId);
    return reply
      .header('content-type', fullPowers.contentType)
      .header('content-disposition', `attachment; filename="${fullPowers.fileName}"`)
      .header('content-length', String(fullPowers.sizeBytes))
      .header('etag', `"${fullPowers.sha256}"`)
      .header('cache-control', 'private, no-store')
      .send(content);
  }
}

/** The treaty section's side: the review queue and the decisions. */
@ApiTags('signatures')
@Controller('events/:eventId/full-powers')
export class FullPowersReviewController {
  constructor(
    private readonly fullPowers: FullPowersService,
    private readonly outstanding: OutstandingFullPowersService,
  ) {}

  @Get('outstanding')
  @Access(...ANY_ORGANISER)
  @ApiOperation({
    summary: 'Parties with a signing appointment whose full powers are not in order, soonest first',
    description:
      'Booked appointments of parties that have not signed yet and whose full powers are missing, rejected, ' +
      'waiting for review, or not known because no signatory is named. `Accept: text/csv` for a spreadsheet.',
  })
  @ApiOkResponse({ type: [OutstandingFullPowersDto] })
  @ApiProduces('application/json', 'text/csv')
  @ApiProblems(400, 404)
  async outstandingList(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply, // sends the reply itself
  ): Promise<FastifyReply> {
    const { event, items } = await this.outstanding.list(eventId);
    const rows = items.map((o) => OutstandingFullPowersDto.from(o, event.timeZone));
    if (!wantsCsv(request)) return reply.send(rows);
    return sendCsv(
      reply,
      `${event.slug}-full-powers-outstanding.csv`,
      [
        { header: 'appointment_at', value: (r: OutstandingFullPowersDto) => r.appointmentAt },
        { header: 'participant_code', value: (r: OutstandingFullPowersDto) => r.participantCode },
        { header: 'participant', value: (r: OutstandingFullPowersDto) => r.participantName },
        { header: 'signatory', value: (r: OutstandingFullPowersDto) => r.signatoryName },
        { header: 'capacity', value: (r: OutstandingFullPowersDto) => r.capacity },
        { header: 'full_powers', value: (r: OutstandingFullPowersDto) => r.fullPowers },
      ],
      rows,
    );
  }

  @Get()
  @Access(...ANY_ORGANISER)
  @ApiOperation({ summary: 'Full powers received for the event, oldest first (filter by status for the review queue)' })
  @ApiOkResponse({ type: [FullPowersDto] })
  @ApiProblems(400, 404)
  async list(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Query() query: FullPowersQueryDto,
  ): Promise<FullPowersDto[]> {
    const { event, items } = await this.fullPowers.list(eventId, query.status);
    return items.map((f) => FullPowersDto.from(f, event.timeZone));
  }

  @Post(':fullPowersId/review')
  @HttpCode(200)
  @Access('treaty')
  @ApiOperation({
    summary: 'Verify or reject full powers',
    description:
      'A rejection needs a reason; the focal point is notified either way and can upload again after a rejection.',
  })
  @ApiOkResponse({ type: FullPowersDto })
  @ApiProblems(400, 404, 409)
  async review(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('fullPowersId', ParseUUIDPipe) fullPowersId: string,
    @Body() dto: ReviewFullPowersDto,
    @CurrentCaller() caller: Caller,
  ): Promise<FullPowersDto> {
    const fullPowers = await this.fullPowers.review(caller, eventId, fullPowersId, dto);
    return FullPowersDto.from(fullPowers, fullPowers.event!.timeZone);
  }
}
