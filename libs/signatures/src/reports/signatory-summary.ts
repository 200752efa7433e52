import { toZonedDate, toZonedIso } from '@accord/core';
import { REGIONAL_GROUPS, RegionalGroup } from '@accord/delegations';
import type { Event } from '@accord/events';
import { entryIntoForce, type DepositedInstrument } from '../instruments/entry-into-force.js';
import { INSTRUMENT_KINDS, InstrumentKind } from '../instruments/instrument-kind.js';
import { SignatoryRank } from '../shared/signatory-capacity.js';
import { bySignatureOrder } from '../shared/signature-order.js';
import type { DayCountDto, PartyRefDto, SignatorySummaryDto } from './dto/summary.dto.js';
import { rankSentence } from './rank-sentence.js';

export const REGIONAL_GROUP_LABELS: Record<RegionalGroup, string> = {
  [RegionalGroup.African]: 'African States',
  [RegionalGroup.AsiaPacific]: 'Asia-Pacific States',
  [RegionalGroup.EasternEuropean]: 'Eastern European States',
  [RegionalGroup.LatinAmericanCaribbean]: 'Latin American and Caribbean States',
  [RegionalGroup.WesternEuropeanOthers]: 'Western European and other States',
};

/** A standing signature with what the reports need about its party. */
export interface SignatoryRow {
  id: string;
  code: string;
  name: string;
  partyKind: 'state' | 'reio';
  regionalGroup: RegionalGroup | null;
  rank: SignatoryRank;
  signedAt: Date;
  recordedAt: Date;
  place: string;
}

export interface InstrumentRow extends DepositedInstrument {
  code: string;
  name: string;
  kind: InstrumentKind;
}

export type SummaryEvent = Pick<
  Event,
  | 'id'
  | 'treatyShortTitle'
  | 'timeZone'
  | 'signatoryGoal'
  | 'eifThreshold'
  | 'eifDaysAfter'
  | 'eifDaysAfterLaterDeposit'
>;

const party = (row: { code: string; name: string; partyKind: 'state' | 'reio' }): PartyRefDto => ({
  code: row.code,
  name: row.name,
  kind: row.partyKind,
});

/** The REIO's name as a sentence would say it ("the European Union"). */
const withArticle = (name: string) => (/^the /i.test(name) ? name : `the ${name}`);

/** The public summary, from the standing signatures and instruments. Pure, so it is tested without a database. */
export function buildSummary(
  event: SummaryEvent,
  signatures: readonly SignatoryRow[],
  instruments: readonly InstrumentRow[],
  now: Date,
): SignatorySummaryDto {
  const ordered = [...signatures].sort(bySignatureOrder);
  const states = ordered.filter((s) => s.partyKind === 'state');
  const reios = ordered.filter((s) => s.partyKind === 'reio');
  const goal = event.signatoryGoal;
  const crossing = states.length >= goal ? states[goal - 1]! : null;

  const byGroup = new Map<RegionalGroup | null, number>(REGIONAL_GROUPS.map((g) => [g, 0]));
  for (const s of states) byGroup.set(s.regionalGroup, (byGroup.get(s.regionalGroup) ?? 0) + 1);

  const days = new Map<string, DayCountDto>();
  let cumulative = 0;
  for (const s of ordered) {
    const date = toZonedDate(s.signedAt, event.timeZone);
    const day = days.get(date) ?? { date, signatures: 0, states: 0, cumulativeStates: 0 };
    day.signatures += 1;
    if (s.partyKind === 'state') {
      day.states += 1;
      cumulative += 1;
    }
    day.cumulativeStates = cumulative;
    days.set(date, day);
  }

  const count = (rank: SignatoryRank) => ordered.filter((s) => s.rank === rank).length;
  const ranks = {
    headsOfState: count(SignatoryRank.HeadOfState),
    headsOfGovernment: count(SignatoryRank.HeadOfGovernment),
    ministers: count(SignatoryRank.Minister),
    otherOfficials: count(SignatoryRank.Official),
    states: states.length,
    reios: reios.length,
  };

  const eif = entryIntoForce(instruments, {
    threshold: event.eifThreshold,
    daysAfter: event.eifDaysAfter,
    daysAfterLaterDeposit: event.eifDaysAfterLaterDeposit,
  });
  const byKind = Object.fromEntries(INSTRUMENT_KINDS.map((k) => [k, 0])) as Record<InstrumentKind, number>;
  for (const i of instruments) byKind[i.kind] += 1;
  const today = toZonedDate(now, event.timeZone);
  const threshold = eif.thresholdInstrument?.instrument;

  return {
    eventId: event.id,
    treaty: event.treatyShortTitle,
    timeZone: event.timeZone,
    goal,
    count: states.length,
    remaining: Math.max(0, goal - states.length),
    percentage: Math.round((states.length / goal) * 1000) / 10,
    goalReached: crossing !== null,
    reachedAt: crossing ? toZonedIso(crossing.signedAt, event.timeZone) : null,
    reachedBy: crossing ? party(crossing) : null,
    signatories: ordered.length,
    reios: reios.length,
    byRegionalGroup: [...byGroup.entries()]
      .filter(([group, n]) => group !== null || n > 0)
      .map(([group, n]) => ({
        group,
        label: group ? REGIONAL_GROUP_LABELS[group] : 'In no regional group',
        states: n,
      })),
    byDay: [...days.values()],
    ranks: {
      ...ranks,
      sentence: rankSentence({ ...ranks, reioName: reios.length === 1 ? withArticle(reios[0]!.name) : null }),
    },
    instruments: {
      threshold: event.eifThreshold,
      deposited: instruments.length,
      counted: eif.counted,
      remaining: eif.remaining,
      byKind,
      thresholdInstrument: threshold
        ? { ...party(threshold), instrument: threshold.kind, depositedOn: threshold.depositedOn }
        : null,
      entryIntoForceOn: eif.entryIntoForceOn,
      inForce: eif.entryIntoForceOn !== null && eif.entryIntoForceOn <= today,
    },
    asOf: toZonedIso(now, event.timeZone),
  };
}
