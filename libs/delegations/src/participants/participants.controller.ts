import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems } from '@accord/core';
import { ParticipantDto, ParticipantListDto } from './dto/participant.dto.js';
import { ParticipantQueryDto } from './dto/participant-query.dto.js';
import { ParticipantsService } from './participants.service.js';

@ApiTags('participants')
@Controller('participants')
export class ParticipantsController {
  constructor(private readonly participants: ParticipantsService) {}

  @Get()
  @Access('anyone')
  @ApiOperation({ summary: 'The States and REIOs that may sign, with their UN regional group and names' })
  @ApiOkResponse({ type: ParticipantListDto })
  @ApiProblems(400)
  async list(@Query() query: ParticipantQueryDto): Promise<ParticipantListDto> {
    const items = (await this.participants.list(query)).map((p) => ParticipantDto.from(p));
    return { items, total: items.length };
  }

  @Get(':code')
  @Access('anyone')
  @ApiOperation({ summary: 'One participant by code (ISO alpha-3, or EU)' })
  @ApiOkResponse({ type: ParticipantDto })
  @ApiProblems(404)
  async get(@Param('code') code: string): Promise<ParticipantDto> {
    return ParticipantDto.from(await this.participants.getByCode(code));
  }
}
