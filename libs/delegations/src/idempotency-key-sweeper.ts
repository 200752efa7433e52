import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { forgetExpiredAnswers } from './registration-idempotency.js';

/** First sweep a while after start-up (not in the way of it), then regularly. */
const FIRST_SWEEP_MS = 60_000;
const SWEEP_EVERY_MS = 15 * 60_000;

/**
 * Deletes expired idempotency answers now and then, away from the registrations themselves (which used to do it
 * on every request). Only housekeeping: an expired answer no longer counts even while it is still there.
 */
@Injectable()
export class IdempotencyKeySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('IdempotencyKeySweeper');
  private timer?: NodeJS.Timeout;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    this.schedule(FIRST_SWEEP_MS);
  }

  onApplicationShutdown(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(
      () => void this.sweep().finally(() => this.timer && this.schedule(SWEEP_EVERY_MS)),
      delayMs,
    );
    this.timer.unref();
  }

  async sweep(): Promise<number> {
    if (!this.dataSource.isInitialized) return 0;
    try {
      return await forgetExpiredAnswers(this.dataSource.manager);
    } catch (error) {
      this.logger.warn(`sweep skipped: ${(error as Error).message}`);
      return 0;
    }
  }
}
