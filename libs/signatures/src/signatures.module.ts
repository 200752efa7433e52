import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '@accord/events';
import { SchedulingModule } from '@accord/scheduling';
import { DesignatedSignatory } from './full-powers/designated-signatory.entity.js';
import { FullPowersContent } from './full-powers/full-powers-content.entity.js';
import { DelegationSignatoryController, FullPowersReviewController } from './full-powers/full-powers.controller.js';
import { FullPowers } from './full-powers/full-powers.entity.js';
import { FullPowersService } from './full-powers/full-powers.service.js';
import { FullPowersStatusModule } from './full-powers/full-powers-status.module.js';
import { OutstandingFullPowersService } from './full-powers/outstanding-full-powers.service.js';
import { GoalTracker } from './goal/goal-tracker.js';
import { SignatoryMilestone } from './goal/signatory-milestone.entity.js';
import { InstrumentsController } from './instruments/instruments.controller.js';
import { Instrument } from './instruments/instrument.entity.js';
import { InstrumentsService } from './instruments/instruments.service.js';
import { SignatoriesController } from './reports/signatories.controller.js';
import { SignatoriesStreamHub } from './reports/signatories-stream.hub.js';
import { SignatoryChanges } from './reports/signatory-changes.js';
import { SignatoryReportsService } from './reports/signatory-reports.service.js';
import { SignatorySummaryService } from './reports/signatory-summary.service.js';
import { SummaryFastLane } from './reports/summary-fast-lane.js';
import { SummaryCache } from './reports/summary-cache.service.js';
import { SignaturesNotifier } from './shared/signatures-notifier.js';
import { Signature } from './signatures/signature.entity.js';
import { SignaturesController } from './signatures/signatures.controller.js';
import { SignatureWriter } from './signatures/signature-writer.js';
import { SignaturesService } from './signatures/signatures.service.js';

export const SIGNATURE_ENTITIES = [
  DesignatedSignatory,
  FullPowers,
  FullPowersContent,
  Signature,
  Instrument,
  SignatoryMilestone,
];

/**
 * Signatory tracking: who signs for each party and their full powers, the signatures, the instruments, the goal
 * and entry into force, and the live reports read by the press and the screens in the hall.
 */
@Module({
  imports: [TypeOrmModule.forFeature(SIGNATURE_ENTITIES), EventsModule, SchedulingModule, FullPowersStatusModule],
  controllers: [
    DelegationSignatoryController,
    FullPowersReviewController,
    SignaturesController,
    InstrumentsController,
    SignatoriesController,
  ],
  providers: [
    FullPowersService,
    OutstandingFullPowersService,
    SignaturesService,
    SignatureWriter,
    InstrumentsService,
    GoalTracker,
    SignaturesNotifier,
    SignatorySummaryService,
    SignatoryChanges,
    SummaryCache,
    SummaryFastLane,
    SignatoriesStreamHub,
    SignatoryReportsService,
  ],
  exports: [SignaturesService, FullPowersService, SummaryCache, SummaryFastLane, SignatorySummaryService],
})
export class SignaturesModule {}
