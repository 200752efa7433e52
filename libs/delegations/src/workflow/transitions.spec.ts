import type { Caller } from '@accord/core';
import { DelegationStatus } from '../delegation-kind.js';
import { allowedTransitions, TRANSITIONS } from './delegation-workflow.service.js';

const organiser: Caller = { kind: 'organiser', userId: 'u', roles: ['protocol'] };
const focalPoint: Caller = { kind: 'focal-point', delegationId: 'd', eventId: 'e', tokenId: 't' };

describe('delegation transitions', () => {
  it('should let organisers reset every status but submitted, and cancel every status but cancelled', () => {
    for (const status of Object.values(DelegationStatus)) {
      expect(TRANSITIONS[status].includes(DelegationStatus.Submitted)).toBe(status !== DelegationStatus.Submitted);
      expect(TRANSITIONS[status].includes(DelegationStatus.Cancelled)).toBe(status !== DelegationStatus.Cancelled);
      expect(TRANSITIONS[status]).not.toContain(status);
    }
  });

  it('should let a focal point only cancel', () => {
    expect(allowedTransitions(focalPoint, DelegationStatus.Approved)).toEqual([DelegationStatus.Cancelled]);
    expect(allowedTransitions(focalPoint, DelegationStatus.Cancelled)).toEqual([]);
    expect(allowedTransitions(organiser, DelegationStatus.Submitted)).toEqual([
      DelegationStatus.Approved,
      DelegationStatus.Waitlisted,
      DelegationStatus.Rejected,
      DelegationStatus.Cancelled,
    ]);
  });
});
