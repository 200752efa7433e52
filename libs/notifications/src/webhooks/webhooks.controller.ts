import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems, CurrentCaller, PageQueryDto, type Caller, type Page } from '@accord/core';
import { CreateWebhookDto } from './dto/create-webhook.dto.js';
import { CreatedWebhookEndpointDto, WebhookEndpointDto } from './dto/webhook-endpoint.dto.js';
import { WebhooksService } from './webhooks.service.js';

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @Access('admin')
  @ApiOperation({
    summary: 'Register an endpoint for signed notifications (Standard Webhooks)',
    description: 'The answer carries the signing secret; it is shown only once.',
  })
  @ApiCreatedResponse({ type: CreatedWebhookEndpointDto })
  @ApiProblems(400)
  async create(@Body() dto: CreateWebhookDto, @CurrentCaller() caller: Caller): Promise<CreatedWebhookEndpointDto> {
    const { endpoint, secret } = await this.webhooks.create(dto, caller.kind === 'organiser' ? caller.userId : null);
    return { ...WebhookEndpointDto.from(endpoint), secret };
  }

  @Get()
  @Access('admin')
  @ApiOperation({ summary: 'List webhook endpoints (without their secrets)' })
  @ApiProblems(400)
  async list(@Query() query: PageQueryDto): Promise<Page<WebhookEndpointDto>> {
    const result = await this.webhooks.list(query);
    return { ...result, items: result.items.map((e) => WebhookEndpointDto.from(e)) };
  }

  @Get(':webhookId')
  @Access('admin')
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiProblems(400, 404)
  async get(@Param('webhookId', ParseUUIDPipe) id: string): Promise<WebhookEndpointDto> {
    return WebhookEndpointDto.from(await this.webhooks.get(id));
  }

  @Delete(':webhookId')
  @Access('admin')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted; its delivery history stays' })
  @ApiProblems(400, 404)
  async remove(@Param('webhookId', ParseUUIDPipe) id: string): Promise<void> {
    await this.webhooks.remove(id);
  }
}
