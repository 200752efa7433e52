import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { validationFailed } from '@accord/core';
import type { AudienceResolver, Recipient } from '@accord/notifications';
import { approvedDelegationRecipients } from './delegation-recipients.js';

/** `{ "type": "approved-delegations" }`: every focal point and member of every approved delegation. */
@Injectable()
export class ApprovedDelegationsAudience implements AudienceResolver<Record<string, never>> {
  readonly type = 'approved-delegations';
  readonly description = 'Every focal point and member (with an email) of every approved delegation';

  parse(params: Record<string, unknown>): Record<string, never> {
    const extra = Object.keys(params);
    if (extra.length)
      throw validationFailed(
        extra.map((k) => ({ field: `audience.params.${k}`, message: 'this audience takes no params' })),
      );
    return {};
  }

  resolve(manager: EntityManager, eventId: string): Promise<Recipient[]> {
    return approvedDelegationRecipients(manager, eventId);
  }
}
