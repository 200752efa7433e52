import { Module, type OnModuleInit } from '@nestjs/common';
import { AudienceRegistry } from '@accord/notifications';
import { ApprovedDelegationsAudience } from './audiences/approved-delegations.audience.js';
import { DelegationKindAudience } from './audiences/delegation-kind.audience.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FOCAL_POINT_AUTHENTICATOR } from '@accord/core';
import { EventsModule } from '@accord/events';
import { Delegation } from './delegation.entity.js';
import { DelegationMember } from './delegation-member.entity.js';
import { DelegationsController } from './delegations.controller.js';
import { DelegationsService } from './delegations.service.js';
import { DelegationNotifier } from './delegation-notifier.js';
import { DelegationDocument } from './documents/delegation-document.entity.js';
import { DelegationDocumentsController } from './documents/delegation-documents.controller.js';
import { DelegationDocumentsService } from './documents/delegation-documents.service.js';
import { DelegationImportController } from './import/delegation-import.controller.js';
import { DelegationImportService } from './import/delegation-import.service.js';
import { IdempotencyKeySweeper } from './idempotency-key-sweeper.js';
import { RegistrationThrottle } from './registration-throttle.js';
import { RegistrationWriter } from './registration-writer.js';
import { DelegationSearchService } from './search/delegation-search.service.js';
import { DelegationReviewController } from './workflow/delegation-review.controller.js';
import { DelegationWorkflowService } from './workflow/delegation-workflow.service.js';
import { Participant } from './participants/participant.entity.js';
import { ParticipantsController } from './participants/participants.controller.js';
import { ParticipantsService } from './participants/participants.service.js';
import { ParticipantsSync } from './participants/participants-sync.js';
import { RegistrationIdempotencyKey } from './registration-idempotency.entity.js';
import { FocalPointToken } from './tokens/focal-point-token.entity.js';
import { FocalPointTokensService } from './tokens/focal-point-tokens.service.js';
import { DelegationTransition } from './workflow/delegation-transition.entity.js';

export const DELEGATION_ENTITIES = [
  Participant,
  Delegation,
  DelegationMember,
  FocalPointToken,
  DelegationTransition,
  DelegationDocument,
  RegistrationIdempotencyKey,
];

/**
 * Delegations: the participants catalogue, registration, members, focal-point access, review workflow, exports.
 * Exports FOCAL_POINT_AUTHENTICATOR so the API's access guard can resolve `fp_` tokens.
 */
@Module({
  imports: [TypeOrmModule.forFeature(DELEGATION_ENTITIES), EventsModule],
  controllers: [
    ParticipantsController,
    DelegationImportController,
    DelegationReviewController,
    DelegationsController,
    DelegationDocumentsController,
  ],
  providers: [
    ParticipantsService,
    ParticipantsSync,
    DelegationsService,
    DelegationNotifier,
    DelegationWorkflowService,
    DelegationSearchService,
    DelegationDocumentsService,
    DelegationImportService,
    RegistrationThrottle,
    RegistrationWriter,
    IdempotencyKeySweeper,
    FocalPointTokensService,
    ApprovedDelegationsAudience,
    DelegationKindAudience,
    { provide: FOCAL_POINT_AUTHENTICATOR, useExisting: FocalPointTokensService },
  ],
  exports: [
    ParticipantsService,
    DelegationsService,
    DelegationWorkflowService,
    DelegationSearchService,
    FocalPointTokensService,
    FOCAL_POINT_AUTHENTICATOR,
  ],
})
export class DelegationsModule implements OnModuleInit {
  constructor(
    private readonly audiences: AudienceRegistry,
    private readonly approved: ApprovedDelegationsAudience,
    private readonly byKind: DelegationKindAudience,
  ) {}

  /** Announcements can go to "all approved delegations" or "the approved delegations of one kind". */
  onModuleInit(): void {
    this.audiences.register(this.approved);
    this.audiences.register(this.byKind);
  }
}
