import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Access, ANY_ORGANISER, ApiProblems, CurrentCaller, type Caller } from '@accord/core';
import { DelegationDto } from './dto/delegation.dto.js';
import { MemberInputDto, UpdateMemberDto } from './dto/member-input.dto.js';
import { RegisterDelegationDto } from './dto/register-delegation.dto.js';
import { FocalPointTokenDto, RegistrationResultDto } from './dto/registration-result.dto.js';
import { UpdateDelegationDto } from './dto/update-delegation.dto.js';
import { DelegationsService } from './delegations.service.js';
import { idempotentRequest } from './registration-idempotency.js';
import { RegistrationThrottle } from './registration-throttle.js';

@ApiTags('delegations')
@Controller('events/:eventId/delegations')
export class DelegationsController {
  constructor(
    private readonly delegations: DelegationsService,
    private readonly throttle: RegistrationThrottle,
  ) {}

  @Post()
  @Access('anyone')
  @ApiOperation({
    summary: 'Register a delegation (the public form)',
    description:
      'Open to anyone while the event accepts registrations (organisers with the protocol role may register at any ' +
      'time). Returns the delegation and a focal-point token shown once. With an `Idempotency-Key` header, ' +
      'resubmitting the same form returns the first answer (header `Idempotent-Replayed: true`) instead of a second ' +
      'delegation; the same key with a different form is a 422. Rate-limited per client address.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '8–255 visible ASCII characters, e.g. a UUID' })
  @ApiCreatedResponse({ type: RegistrationResultDto })
  @ApiProblems(400, 404, 409, 422, 429)
  async register(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Body() dto: RegisterDelegationDto,
    @CurrentCaller() caller: Caller,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RegistrationResultDto> {
    if (caller.kind !== 'organiser') this.throttle.hit(request.ip);
    const idempotency = idempotencyKey !== undefined ? idempotentRequest(eventId, idempotencyKey, dto) : undefined;
    const result = await this.delegations.register(caller, eventId, dto, idempotency);
    void reply.header('location', `/v1/events/${eventId}/delegations/${result.delegation.id}`);
    if (result.replayed) void reply.header('idempotent-replayed', 'true');
    return { delegation: result.delegation, focalPointToken: result.focalPointToken };
  }

  @Get(':delegationId')
  @Access('focal-point', ...ANY_ORGANISER)
  @ApiOperation({ summary: 'A delegation with its members (a focal point sees only its own)' })
  @ApiOkResponse({ type: DelegationDto })
  @ApiProblems(400, 404)
  async get(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('delegationId', ParseUUIDPipe) delegationId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<DelegationDto> {
    return this.read(caller, eventId, delegationId);
  }

  @Patch(':delegationId')
  @Access('focal-point', 'protocol')
  @ApiOperation({
    summary: 'Edit a delegation',
    description: 'Its focal point may edit it until it is decided; organisers (protocol) at any time.',
  })
  @ApiOkResponse({ type: DelegationDto })
  @ApiProblems(400, 404, 409)
  async update(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('delegationId', ParseUUIDPipe) delegationId: string,
    @Body() dto: UpdateDelegationDto,
    @CurrentCaller() caller: Caller,
  ): Promise<DelegationDto> {
    await this.delegations.update(caller, eventId, delegationId, dto);
    return this.read(caller, eventId, delegationId);
  }

  @Post(':delegationId/members')
  @Access('focal-point', 'protocol')
  @ApiOperation({
    summary: 'Add a member',
    description: "Refused beyond the event's seats for the kind. A new head makes the previous head deputy.",
  })
  @ApiCreatedResponse({ type: DelegationDto })
  @ApiProblems(400, 404, 409, 422)
  async addMember(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('delegationId', ParseUUIDPipe) delegationId: string,
    @Body() dto: MemberInputDto,
    @CurrentCaller() caller: Caller,
  ): Promise<DelegationDto> {
    await this.delegations.addMember(caller, eventId, delegationId, dto);
    return this.read(caller, eventId, delegationId);
  }

  @Patch(':delegationId/members/:memberId')
  @Access('focal-point', 'protocol')
  @ApiOperation({ summary: 'Change a member (making one head makes the previous head deputy)' })
  @ApiOkResponse({ type: DelegationDto })
  @ApiProblems(400, 404, 409, 422)
  async updateMember(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('delegationId', ParseUUIDPipe) delegationId: string,
    @Param('memberId', ParseUUIDPipe) memberId: string,
    @Body() dto: UpdateMemberDto,
    @CurrentCaller() caller: Caller,
  ): Promise<DelegationDto> {
    await this.delegations.updateMember(caller, eventId, delegationId, memberId, dto);
    return this.read(caller, eventId, delegationId);
  }

  @Delete(':delegationId/members/:memberId')
  @Access('focal-point', 'protocol')
  @ApiOperation({ summary: 'Remove a member (not the head)' })
  @ApiOkResponse({ type: DelegationDto })
  @ApiProblems(400, 404, 409, 422)
  async removeMember(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('delegationId', ParseUUIDPipe) delegationId: string,
    @Param('memberId', ParseUUIDPipe) memberId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<DelegationDto> {
    await this.delegations.removeMember(caller, eventId, delegationId, memberId);
    return this.read(caller, eventId, delegationId);
  }

  @Post(':delegationId/focal-point-token')
  @HttpCode(201)
  @Access('protocol')
  @ApiOperation({ summary: 'Issue a new focal-point token (revokes the earlier ones)' })
  @ApiCreatedResponse({ type: FocalPointTokenDto })
  @ApiProblems(400, 404)
  async reissueToken(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('delegationId', ParseUUIDPipe) delegationId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<FocalPointTokenDto> {
    return { focalPointToken: await this.delegations.reissueToken(caller, eventId, delegationId) };
  }

  private async read(caller: Caller, eventId: string, delegationId: string): Promise<DelegationDto> {
    const delegation = await this.delegations.getVisible(caller, eventId, delegationId);
    return DelegationDto.from(delegation, delegation.event!.timeZone);
  }
}
