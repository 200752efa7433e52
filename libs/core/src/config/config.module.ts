import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG } from './config.token.js';
import { loadConfig, type AppConfig } from './app-config.js';

/**
 * Validates the environment once; every provider reads the typed result through APP_CONFIG. Tests and benchmarks
 * pass a config of their own instead of touching process.env.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useFactory: () => config ?? loadConfig() }],
      exports: [APP_CONFIG],
    };
  }
}
