import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { validationFailed } from '@accord/core';
import type { AudienceResolver, Recipient } from '@accord/notifications';
import { DELEGATION_KINDS, GOVERNMENT_KINDS, KindGroup, type DelegationKind } from '../delegation-kind.js';
import { approvedDelegationRecipients } from './delegation-recipients.js';

const GROUPS: Record<string, readonly DelegationKind[]> = {
  [KindGroup.Government]: GOVERNMENT_KINDS,
  [KindGroup.NonGovernment]: DELEGATION_KINDS.filter((k) => !GOVERNMENT_KINDS.includes(k)),
};

/**
 * `{ "type": "delegation-kind", "params": { "kind": "ngo" } }`: the approved delegations of one kind, or of a group
 * (`government` = States and REIOs, `non_government` = everyone else).
 */
@Injectable()
export class DelegationKindAudience implements AudienceResolver<{ kinds: readonly DelegationKind[] }> {
  readonly type = 'delegation-kind';
  readonly description = `Approved delegations of one kind (${DELEGATION_KINDS.join(', ')}) or group (government, non_government)`;

  parse(params: Record<string, unknown>): { kinds: readonly DelegationKind[] } {
    const { kind, ...extra } = params;
    const errors = Object.keys(extra).map((k) => ({ field: `audience.params.${k}`, message: 'unknown param' }));
    const kinds =
      typeof kind === 'string'
        ? (GROUPS[kind] ?? (DELEGATION_KINDS.includes(kind as DelegationKind) ? [kind as DelegationKind] : undefined))
        : undefined;
    if (!kinds)
      errors.push({
        field: 'audience.params.kind',
        message: `kind must be one of ${[...DELEGATION_KINDS, ...Object.keys(GROUPS)].join(', ')}`,
      });
    if (errors.length) throw validationFailed(errors);
    return { kinds: kinds! };
  }

  resolve(manager: EntityManager, eventId: string, params: { kinds: readonly DelegationKind[] }): Promise<Recipient[]> {
    return approvedDelegationRecipients(manager, eventId, params.kinds);
  }
}
