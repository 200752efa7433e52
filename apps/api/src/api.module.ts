import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AccessGuard, CoreModule, HealthModule, ProblemDetailsFilter, type AppConfig } from '@accord/core';
import { AccountsModule } from '@accord/accounts';
import { AuditModule } from '@accord/audit';
import { DelegationsModule } from '@accord/delegations';
import { EventsModule } from '@accord/events';
import { NotificationsApiModule, NotificationsModule } from '@accord/notifications';
import { SchedulingModule } from '@accord/scheduling';
import { SignaturesModule } from '@accord/signatures';

/** The HTTP API: a thin shell composing the feature libraries. */
@Module({})
export class ApiModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        CoreModule.forRoot(config),
        HealthModule,
        AuditModule,
        NotificationsModule,
        NotificationsApiModule,
        AccountsModule,
        EventsModule,
        DelegationsModule,
        SchedulingModule,
        SignaturesModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
