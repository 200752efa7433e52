import { Global, Module } from '@nestjs/common';
import { FULL_POWERS_STATUS_SOURCE } from '@accord/scheduling';
import { FullPowersStatusProvider } from './full-powers-status.source.js';

/**
 * Answers the scheduling library's running order with the full-powers standing kept here. Global, because the
 * scheduling library cannot import this one (signatures already depends on scheduling).
 */
@Global()
@Module({
  providers: [{ provide: FULL_POWERS_STATUS_SOURCE, useClass: FullPowersStatusProvider }],
  exports: [FULL_POWERS_STATUS_SOURCE],
})
export class FullPowersStatusModule {}
