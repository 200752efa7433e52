/**
 * Entry into force, art. 65 of the Convention against Cybercrime as the UN Treaty Collection quotes it:
 *
 *   1. "… on the ninetieth day after the date of deposit of the fortieth instrument of ratification, acceptance,
 *      approval or accession. For the purpose of this paragraph, any instrument deposited by a regional economic
 *      integration organization shall not be counted as additional to those deposited by member States of such
 *      organization."
 *   2. For a party depositing after that (unconfirmed for this treaty; the UN crime conventions' usual rule): the
 *      thirtieth day after its own deposit, or the general date if that is later.
 *
 * Our reading of the REIO sentence: an organisation's instrument never counts toward the threshold. Its member
 * States deposit their own instruments, which count; counting the organisation's as well would count the same
 * consent twice. Counting it when none of its members has deposited yet would need the membership of every REIO at
 * every date, which the depositary itself does not apply in practice (it lists the REIO's instrument but does not
 * number it among the "fortieth"). So: only States' instruments are counted. The numbers (40, 90, 30) come from the
 * event (`eifThreshold`, `eifDaysAfter`, `eifDaysAfterLaterDeposit`).
 */
export interface EntryIntoForceRule {
  threshold: number;
  daysAfter: number;
  daysAfterLaterDeposit: number;
}

export interface DepositedInstrument {
  id: string;
  partyKind: 'state' | 'reio';
  /** YYYY-MM-DD. */
  depositedOn: string;
  /** Recording order within the event; breaks ties between deposits on the same day. */
  sequence: number;
}

export interface InstrumentStanding<T extends DepositedInstrument> {
  instrument: T;
  /** 1-based place in the order of deposit, every instrument included. */
  position: number;
  /** Its number among the instruments counted toward the threshold (States only), or null for a REIO's. */
  countedAs: number | null;
  /** When the treaty enters into force for this party, once the threshold is reached. */
  entryIntoForceOn: string | null;
}

export interface EntryIntoForce<T extends DepositedInstrument> {
  /** In order of deposit. */
  instruments: InstrumentStanding<T>[];
  counted: number;
  remaining: number;
  /** The instrument that reached the threshold, and the general date of entry into force that follows from it. */
  thresholdInstrument: InstrumentStanding<T> | null;
  entryIntoForceOn: string | null;
}

export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(t)) throw new Error(`not a date: ${date}`);
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}

const later = (a: string, b: string) => (a >= b ? a : b);

export function byDepositOrder(a: DepositedInstrument, b: DepositedInstrument): number {
  return a.depositedOn < b.depositedOn ? -1 : a.depositedOn > b.depositedOn ? 1 : a.sequence - b.sequence;
}

export function entryIntoForce<T extends DepositedInstrument>(
  deposited: readonly T[],
  rule: EntryIntoForceRule,
): EntryIntoForce<T> {
  const ordered = [...deposited].sort(byDepositOrder);
  let counted = 0;
  let thresholdAt = -1;
  const standings: InstrumentStanding<T>[] = ordered.map((instrument, index) => {
    let countedAs: number | null = null;
    if (instrument.partyKind === 'state') {
      counted += 1;
      countedAs = counted;
      if (counted === rule.threshold) thresholdAt = index;
    }
    return { instrument, position: index + 1, countedAs, entryIntoForceOn: null };
  });
  if (thresholdAt < 0) {
    return {
      instruments: standings,
      counted,
      remaining: Math.max(0, rule.threshold - counted),
      thresholdInstrument: null,
      entryIntoForceOn: null,
    };
  }
  const general = addDays(ordered[thresholdAt]!.depositedOn, rule.daysAfter);
  standings.forEach((standing, index) => {
    standing.entryIntoForceOn =
      index <= thresholdAt
        ? general
        : later(general, addDays(standing.instrument.depositedOn, rule.daysAfterLaterDeposit));
  });
  return {
    instruments: standings,
    counted,
    remaining: 0,
    thresholdInstrument: standings[thresholdAt]!,
    entryIntoForceOn: general,
  };
}
