import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ANY_ORGANISER, ApiProblems, CurrentCaller, type Caller } from '@accord/core';
import { DelegationDto } from './dto/delegation.dto.js';
import { DelegationsService } from './delegations.service.js';

@ApiTags('delegations')
@Controller('events/:eventId/delegations')
export class DelegationsController {
  constructor(private readonly delegations: DelegationsService) {}

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
    const delegation = await this.delegations.getVisible(caller, eventId, delegationId);
    return DelegationDto.from(delegation, delegation.event!.timeZone);
  }
}
