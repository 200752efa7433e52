import { Controller, Get, Header, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Access, ApiProblems } from '@accord/core';
import { escapeHtml } from '../html.js';
import { UnsubscribeQueryDto } from './dto/unsubscribe-query.dto.js';
import { OptOutsService } from './opt-outs.service.js';

const pageHtml = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
  `<body style="font-family: sans-serif; max-width: 40em; margin: 2em auto">${body}</body></html>`;

/**
 * The unsubscribe link of announcements. Opening it (GET) only asks for confirmation, because mail scanners
 * follow links; the confirmation, and mail clients' one-click unsubscribe (RFC 8058), POST to the same URL.
 */
@ApiTags('notifications')
@Controller('unsubscribe')
export class UnsubscribeController {
  constructor(private readonly optOuts: OptOutsService) {}

  @Get()
  @Access('anyone')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Confirmation page of the unsubscribe link in announcements' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'An HTML page with a confirmation button' })
  @ApiProblems(400, 404)
  async confirm(@Query() query: UnsubscribeQueryDto): Promise<string> {
    const { eventName, optedOut } = await this.optOuts.describe(query.token);
    if (optedOut)
      return pageHtml('Unsubscribed', `<p>You no longer receive announcements about ${escapeHtml(eventName)}.</p>`);
    return pageHtml(
      'Unsubscribe',
      `<p>Stop receiving announcements about ${escapeHtml(eventName)}? Messages about your own registration and ` +
        `appointments will still be sent.</p><form method="post"><button type="submit">Unsubscribe</button></form>`,
    );
  }

  @Post()
  @Access('anyone')
  @HttpCode(200)
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Stop announcements for the event of the link (also RFC 8058 one-click)' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'An HTML page confirming the opt-out' })
  @ApiProblems(400, 404)
  async unsubscribe(@Query() query: UnsubscribeQueryDto): Promise<string> {
    const { eventName } = await this.optOuts.optOut(query.token);
    return pageHtml('Unsubscribed', `<p>You no longer receive announcements about ${escapeHtml(eventName)}.</p>`);
  }
}
