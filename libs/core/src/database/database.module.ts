import { Global, Injectable, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.token.js';
import type { AppConfig } from '../config/app-config.js';
import { databaseOptions } from './database-options.js';

/**
 * Connects in the background: the process starts (and /health/ready answers 503) even while PostgreSQL is down,
 * and connects as soon as it is reachable. Requests before that fail with 503, never hang.
 */
@Injectable()
export class DatabaseConnector implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    await this.tryConnect();
  }

  private async tryConnect(): Promise<void> {
    if (this.stopped || this.dataSource.isInitialized) return;
    try {
      await this.dataSource.initialize();
      this.logger.log('connected to PostgreSQL');
    } catch (error) {
      if (this.stopped) return;
      this.logger.warn(`PostgreSQL unreachable (${(error as Error).message}); retrying in 2 s`);
      this.timer = setTimeout(() => void this.tryConnect(), 2000);
      this.timer.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...databaseOptions(config.databaseUrl),
        autoLoadEntities: true,
        manualInitialization: true,
      }),
    }),
  ],
  providers: [DatabaseConnector],
})
export class DatabaseModule {}
