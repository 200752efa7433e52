import { addDays, entryIntoForce, type DepositedInstrument } from './entry-into-force.js';

const RULE = { threshold: 40, daysAfter: 90, daysAfterLaterDeposit: 30 };

function state(n: number, depositedOn: string): DepositedInstrument {
  return { id: `s${n}`, partyKind: 'state', depositedOn, sequence: n };
}

describe('entryIntoForce', () => {
  it('should count days the way the depositary does when adding 90 days to a deposit', () => {
    // UNTOC: 40th instrument deposited on 1 July 2003, in force on 29 September 2003.
    expect(addDays('2003-07-01', 90)).toBe('2003-09-29');
    expect(addDays('2026-12-15', 30)).toBe('2027-01-14');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('should give no date while fewer than the threshold of States have deposited', () => {
    const result = entryIntoForce(
      Array.from({ length: 39 }, (_, i) => state(i + 1, '2026-03-01')),
      RULE,
    );
    expect(result).toMatchObject({ counted: 39, remaining: 1, thresholdInstrument: null, entryIntoForceOn: null });
    expect(result.instruments.every((s) => s.entryIntoForceOn === null)).toBe(true);
  });

  it('should not count a REIO instrument toward the threshold when it is deposited among the States', () => {
    const deposits: DepositedInstrument[] = [];
    let seq = 0;
    for (let i = 0; i < 25; i++) deposits.push(state(++seq, `2026-02-${String(1 + (i % 28)).padStart(2, '0')}`));
    deposits.push({ id: 'eu', partyKind: 'reio', depositedOn: '2026-03-10', sequence: ++seq });
    for (let i = 0; i < 14; i++) deposits.push(state(++seq, '2026-04-01'));
    // 39 States + the EU: 40 instruments, but not the fortieth counted one.
    let result = entryIntoForce(deposits, RULE);
    expect(result).toMatchObject({ counted: 39, remaining: 1, entryIntoForceOn: null });
    expect(result.instruments.find((s) => s.instrument.id === 'eu')).toMatchObject({ countedAs: null, position: 26 });

    // The 40th State deposits on 2 May 2026: in force on the 90th day after, 31 July 2026.
    deposits.push(state(++seq, '2026-05-02'));
    // Later deposits: the 30th day after their own deposit, or the general date when that is later.
    deposits.push(state(++seq, '2026-05-20')); // 19 June < 31 July → 31 July
    deposits.push(state(++seq, '2026-07-15')); // 14 August
    deposits.push({ id: 'late-reio', partyKind: 'reio', depositedOn: '2026-09-01', sequence: ++seq }); // 1 October
    result = entryIntoForce(deposits, RULE);
    expect(result.counted).toBe(42);
    expect(result.thresholdInstrument).toMatchObject({ countedAs: 40, position: 41 });
    expect(result.thresholdInstrument!.instrument.depositedOn).toBe('2026-05-02');
    expect(result.entryIntoForceOn).toBe('2026-07-31');
    const dates = Object.fromEntries(result.instruments.map((s) => [s.instrument.id, s.entryIntoForceOn]));
    expect(dates.s1).toBe('2026-07-31');
    expect(dates.eu).toBe('2026-07-31');
    expect(dates[`s${seq - 3}`]).toBe('2026-07-31');
    expect(dates[`s${seq - 2}`]).toBe('2026-07-31');
    expect(dates[`s${seq - 1}`]).toBe('2026-08-14');
    expect(dates['late-reio']).toBe('2026-10-01');
  });

  it('should order deposits of the same day by their recording sequence', () => {
    const rule = { threshold: 2, daysAfter: 90, daysAfterLaterDeposit: 30 };
    const result = entryIntoForce(
      [
        { id: 'b', partyKind: 'state', depositedOn: '2026-01-10', sequence: 3 },
        { id: 'a', partyKind: 'state', depositedOn: '2026-01-10', sequence: 2 },
        { id: 'first', partyKind: 'state', depositedOn: '2026-01-05', sequence: 9 },
      ],
      rule,
    );
    expect(result.instruments.map((s) => s.instrument.id)).toEqual(['first', 'a', 'b']);
    expect(result.thresholdInstrument!.instrument.id).toBe('a');
    expect(result.instruments[2]!.entryIntoForceOn).toBe('2026-04-10');
  });
});
