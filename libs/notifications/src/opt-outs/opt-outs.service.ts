import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppError, APP_CONFIG, notFound, type AppConfig } from '@accord/core';
import { deriveKey } from '../keys.js';
import { rows } from '../sql.js';
import { verifyOptOutToken, type OptOutSubject } from './opt-out-token.js';

/** The per-person opt-out from an event's announcements, reached through the signed link in each one. */
@Injectable()
export class OptOutsService {
  private readonly key: Buffer;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.key = deriveKey(config, 'opt-out-links');
  }

  /** The event the link is about, and whether its holder already opted out. */
  async describe(token: string): Promise<{ eventName: string; optedOut: boolean }> {
    const subject = this.verify(token);
    const [event] = await rows<{ name: string; optedOut: boolean }>(
      this.dataSource,
      `SELECT e.name, EXISTS (SELECT 1 FROM notification_opt_outs o WHERE o.event_id = e.id AND o.email = $2) AS "optedOut"
       FROM events e WHERE e.id = $1`,
      [subject.eventId, subject.email],
    );
    if (!event) throw notFound('Event', subject.eventId);
    return { eventName: event.name, optedOut: event.optedOut };
  }

  /** Records the opt-out (idempotent: a second click changes nothing). */
  async optOut(token: string): Promise<{ eventName: string }> {
    const { eventName } = await this.describe(token);
    const subject = this.verify(token);
    await this.dataSource.query(
      `INSERT INTO notification_opt_outs (event_id, email) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [subject.eventId, subject.email],
    );
    return { eventName };
  }

  private verify(token: string): OptOutSubject {
    const subject = verifyOptOutToken(this.key, token);
    if (!subject) throw new AppError(400, 'OPT_OUT.INVALID_LINK', 'This unsubscribe link is not valid');
    return subject;
  }
}
