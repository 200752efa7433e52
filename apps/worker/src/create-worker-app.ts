import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Logger as PinoLogger } from 'pino';
import { createLogger, loadConfig, PinoNestLogger, type AppConfig } from '@accord/core';
import { WorkerModule } from './worker.module.js';

export interface WorkerAppOptions {
  config?: AppConfig;
  logger?: PinoLogger;
}

/** Builds and starts the worker (relay, processors, sweeper). Used by main.ts and by the tests, in-process. */
export async function createWorkerApp(options: WorkerAppOptions = {}): Promise<INestApplicationContext> {
  const config = options.config ?? loadConfig();
  const logger = options.logger ?? createLogger(config, 'worker');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  await app.init();
  return app;
}
