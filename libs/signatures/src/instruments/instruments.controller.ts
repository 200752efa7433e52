import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems, CurrentCaller, type Caller } from '@accord/core';
import { VoidDto } from '../signatures/dto/record-signature.dto.js';
import { SignatureQueryDto } from '../signatures/dto/signature.dto.js';
import { InstrumentDto, InstrumentListDto } from './dto/instrument.dto.js';
import { RecordInstrumentDto } from './dto/record-instrument.dto.js';
import { InstrumentsService } from './instruments.service.js';

const REIO_RULE =
  "not counted toward the threshold: art. 65(1) says a REIO's instrument is not additional to its member States'";

@ApiTags('signatures')
@Controller('events/:eventId/instruments')
export class InstrumentsController {
  constructor(private readonly instruments: InstrumentsService) {}

  @Post()
  @Access('treaty')
  @ApiOperation({
    summary: 'Record the deposit of an instrument',
    description:
      'Ratification, acceptance, approval and formal confirmation follow a signature; accession needs none (and is ' +
      'refused for a party that signed). One standing instrument per party; the order of deposit is recorded.',
  })
  @ApiCreatedResponse({ type: InstrumentDto })
  @ApiProblems(400, 404, 409, 422)
  async record(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Body() dto: RecordInstrumentDto,
    @CurrentCaller() caller: Caller,
  ): Promise<InstrumentDto> {
    const instrument = await this.instruments.record(caller, eventId, dto);
    const { event, eif } = await this.instruments.list(eventId, false);
    const standing = eif.instruments.find((s) => s.instrument.id === instrument.id);
    return InstrumentDto.from(instrument, event.timeZone, standing);
  }

  @Get()
  @Access('anyone')
  @ApiOperation({
    summary: 'Instruments in order of deposit, with the date of entry into force for each party once known',
  })
  @ApiOkResponse({ type: InstrumentListDto })
  @ApiProblems(400, 404)
  async list(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Query() query: SignatureQueryDto,
  ): Promise<InstrumentListDto> {
    const { event, instruments, eif } = await this.instruments.list(eventId, query.includeVoided === 'true');
    const standings = new Map(eif.instruments.map((s) => [s.instrument.id, s]));
    return {
      items: instruments.map((i) => InstrumentDto.from(i, event.timeZone, standings.get(i.id))),
      entryIntoForce: {
        threshold: event.eifThreshold,
        daysAfter: event.eifDaysAfter,
        daysAfterLaterDeposit: event.eifDaysAfterLaterDeposit,
        counted: eif.counted,
        remaining: eif.remaining,
        thresholdInstrumentId: eif.thresholdInstrument?.instrument.id ?? null,
        entryIntoForceOn: eif.entryIntoForceOn,
        reioRule: REIO_RULE,
      },
    };
  }

  @Post(':instrumentId/void')
  @HttpCode(200)
  @Access('treaty')
  @ApiOperation({ summary: 'Void an instrument recorded in error (kept, with who, when and why)' })
  @ApiOkResponse({ type: InstrumentDto })
  @ApiProblems(400, 404, 409)
  async void(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('instrumentId', ParseUUIDPipe) instrumentId: string,
    @Body() dto: VoidDto,
    @CurrentCaller() caller: Caller,
  ): Promise<InstrumentDto> {
    const instrument = await this.instruments.void(caller, eventId, instrumentId, dto.reason);
    return InstrumentDto.from(instrument, instrument.event!.timeZone);
  }
}
