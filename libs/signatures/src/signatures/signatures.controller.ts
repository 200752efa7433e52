import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access, ANY_ORGANISER, ApiProblems, CurrentCaller, type Caller } from '@accord/core';
import { AnnotateSignatureDto, RecordSignatureDto, VoidDto } from './dto/record-signature.dto.js';
import { SignatureDto, SignatureQueryDto } from './dto/signature.dto.js';
import { SignaturesService } from './signatures.service.js';

/** The treaty section's record of signatures: recording at the signing table, voiding, the full history. */
@ApiTags('signatures')
@Controller('events/:eventId/signatures')
export class SignaturesController {
  constructor(private readonly signatures: SignaturesService) {}

  @Post()
  @Access('treaty')
  @ApiOperation({
    summary: 'Record a signature',
    description:
      'Refused (422) when the signatory needs full powers that are not verified, or the party is not in the ' +
      'catalogue. Each party signs once: a second attempt is a 409 pointing at the first.',
  })
  @ApiCreatedResponse({ type: SignatureDto })
  @ApiProblems(400, 404, 409, 422)
  async record(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Body() dto: RecordSignatureDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SignatureDto> {
    const { signature, event } = await this.signatures.record(caller, eventId, dto);
    void reply.header('location', `/v1/events/${eventId}/signatures/${signature.id}`);
    return SignatureDto.from(signature, event.timeZone);
  }

  @Get()
  @Access(...ANY_ORGANISER)
  @ApiOperation({ summary: 'Every signature in order of signature, with who recorded it (and voided ones on request)' })
  @ApiOkResponse({ type: [SignatureDto] })
  @ApiProblems(400, 404)
  async list(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Query() query: SignatureQueryDto,
  ): Promise<SignatureDto[]> {
    const { event, signatures, names } = await this.signatures.list(eventId, query.includeVoided === 'true');
    return signatures.map((s) => SignatureDto.from(s, event.timeZone, names));
  }

  @Get(':signatureId')
  @Access(...ANY_ORGANISER)
  @ApiOkResponse({ type: SignatureDto })
  @ApiProblems(400, 404)
  async get(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('signatureId', ParseUUIDPipe) signatureId: string,
  ): Promise<SignatureDto> {
    const { signature, event, names } = await this.signatures.get(eventId, signatureId);
    return SignatureDto.from(signature, event.timeZone, names);
  }

  @Patch(':signatureId')
  @Access('treaty')
  @ApiOperation({ summary: 'Add the depositary notification reference once issued' })
  @ApiOkResponse({ type: SignatureDto })
  @ApiProblems(400, 404, 409)
  async annotate(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('signatureId', ParseUUIDPipe) signatureId: string,
    @Body() dto: AnnotateSignatureDto,
    @CurrentCaller() caller: Caller,
  ): Promise<SignatureDto> {
    const { signature, event } = await this.signatures.annotate(caller, eventId, signatureId, dto);
    return SignatureDto.from(signature, event.timeZone);
  }

  @Post(':signatureId/void')
  @HttpCode(200)
  @Access('treaty')
  @ApiOperation({
    summary: 'Void a signature recorded in error',
    description: 'Never deleted: the record keeps who voided it, when and why. The party may then be recorded again.',
  })
  @ApiOkResponse({ type: SignatureDto })
  @ApiProblems(400, 404, 409)
  async void(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('signatureId', ParseUUIDPipe) signatureId: string,
    @Body() dto: VoidDto,
    @CurrentCaller() caller: Caller,
  ): Promise<SignatureDto> {
    const { signature, event } = await this.signatures.void(caller, eventId, signatureId, dto.reason);
    return SignatureDto.from(signature, event.timeZone);
  }
}
