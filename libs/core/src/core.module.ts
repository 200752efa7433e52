import { DynamicModule, Module } from '@nestjs/common';
import { AuthCoreModule } from './auth/auth-core.module.js';
import { ConfigModule } from './config/config.module.js';
import type { AppConfig } from './config/app-config.js';
import { DatabaseModule } from './database/database.module.js';
import { RedisModule } from './database/redis.module.js';

/** The platform every process needs: validated config, PostgreSQL, Redis, token verification. */
@Module({})
export class CoreModule {
  static forRoot(config?: AppConfig): DynamicModule {
    const imports = [ConfigModule.forRoot(config), DatabaseModule, RedisModule, AuthCoreModule];
    return { module: CoreModule, imports, exports: imports };
  }
}
