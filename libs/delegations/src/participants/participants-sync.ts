import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { syncCatalogue } from './participants-catalogue.js';

/**
 * Keeps the participants catalogue in step with the data package at every API start-up (an upsert by code, so
 * delegations keep their references). Retries while PostgreSQL is unreachable, like the database connector.
 */
@Injectable()
export class ParticipantsSync implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Participants');
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.trySync();
  }

  private async trySync(): Promise<void> {
    if (this.stopped) return;
    try {
      if (!this.dataSource.isInitialized) throw new Error('PostgreSQL is not connected yet');
      const count = await syncCatalogue(this.dataSource.manager);
      this.logger.log(`participants catalogue in place (${count} entries)`);
    } catch (error) {
      if (this.stopped) return;
      this.logger.warn(`could not sync the participants catalogue (${(error as Error).message}); retrying in 5 s`);
      this.timer = setTimeout(() => void this.trySync(), 5000);
      this.timer.unref();
    }
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
