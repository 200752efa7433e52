import { DynamicModule, Module } from '@nestjs/common';
import { CoreModule, type AppConfig } from '@accord/core';

/** The queue worker: BullMQ processors and the outbox relay, no HTTP server. */
@Module({})
export class WorkerModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return { module: WorkerModule, imports: [CoreModule.forRoot(config)] };
  }
}
