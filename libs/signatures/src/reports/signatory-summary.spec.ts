import { RegionalGroup } from '@accord/delegations';
import { SignatoryRank } from '../shared/signatory-capacity.js';
import { buildSummary, type SignatoryRow } from './signatory-summary.js';

const EVENT = {
  id: 'event',
  treatyShortTitle: 'Hanoi Convention',
  timeZone: 'Asia/Ho_Chi_Minh',
  signatoryGoal: 3,
  eifThreshold: 40,
  eifDaysAfter: 90,
  eifDaysAfterLaterDeposit: 30,
};

function row(id: string, signedAt: string, overrides: Partial<SignatoryRow> = {}): SignatoryRow {
  return {
    id,
    code: id.toUpperCase(),
    name: `State ${id}`,
    partyKind: 'state',
    regionalGroup: RegionalGroup.AsiaPacific,
    rank: SignatoryRank.Minister,
    signedAt: new Date(signedAt),
    recordedAt: new Date('2025-10-25T12:00:00Z'),
    place: 'Hanoi',
    ...overrides,
  };
}

describe('buildSummary', () => {
  it('should take the goal-th State by time of signature as the one that reached the goal when recorded out of order', () => {
    const summary = buildSummary(
      EVENT,
      [
        row('d', '2025-10-25T05:00:00Z'),
        row('a', '2025-10-25T02:00:00Z'),
        row('eu', '2025-10-25T02:30:00Z', { partyKind: 'reio', regionalGroup: null, name: 'European Union' }),
        row('c', '2025-10-25T04:00:00Z'),
        row('b', '2025-10-25T03:00:00Z'),
      ],
      [],
      new Date('2025-10-25T06:00:00Z'),
    );
    expect(summary).toMatchObject({
      count: 4,
      signatories: 5,
      reios: 1,
      goalReached: true,
      reachedAt: '2025-10-25T11:00:00+07:00',
      reachedBy: { code: 'C', kind: 'state' },
      percentage: 133.3,
      asOf: '2025-10-25T13:00:00+07:00',
    });
  });

  it('should count days in the event zone, not in UTC', () => {
    const summary = buildSummary(
      EVENT,
      [row('a', '2025-10-25T16:30:00Z'), row('b', '2025-10-25T17:30:00Z')], // 23:30 and 00:30 in Hanoi
      [],
      new Date('2025-10-26T00:00:00Z'),
    );
    expect(summary.byDay).toEqual([
      { date: '2025-10-25', signatures: 1, states: 1, cumulativeStates: 1 },
      { date: '2025-10-26', signatures: 1, states: 1, cumulativeStates: 2 },
    ]);
    expect(summary).toMatchObject({ goalReached: false, reachedAt: null, remaining: 1 });
  });

  it('should list the five regional groups always and the Holy See apart when it signed', () => {
    const summary = buildSummary(EVENT, [row('vat', '2025-10-25T02:00:00Z', { regionalGroup: null })], [], new Date());
    expect(summary.byRegionalGroup).toHaveLength(6);
    expect(summary.byRegionalGroup.at(-1)).toEqual({ group: null, label: 'In no regional group', states: 1 });
  });
});
