import { rankSentence } from './rank-sentence.js';

describe('rankSentence', () => {
  it('should read like the UN press release when every rank is present', () => {
    expect(
      rankSentence({ headsOfState: 2, headsOfGovernment: 1, ministers: 19, otherOfficials: 3, states: 25, reios: 0 }),
    ).toBe(
      '2 Heads of State, 1 Head of Government, 19 ministers and 3 other high-ranking officials, representing 25 States',
    );
  });

  it('should leave out empty ranks and use the singular when there is one', () => {
    expect(
      rankSentence({ headsOfState: 0, headsOfGovernment: 0, ministers: 1, otherOfficials: 1, states: 2, reios: 0 }),
    ).toBe('1 minister and 1 other high-ranking official, representing 2 States');
    expect(
      rankSentence({ headsOfState: 1, headsOfGovernment: 0, ministers: 0, otherOfficials: 0, states: 1, reios: 0 }),
    ).toBe('1 Head of State, representing 1 State');
  });

  it('should name a single REIO among the parties represented when it signed', () => {
    expect(
      rankSentence({
        headsOfState: 1,
        headsOfGovernment: 3,
        ministers: 50,
        otherOfficials: 18,
        states: 71,
        reios: 1,
        reioName: 'the European Union',
      }),
    ).toBe(
      '1 Head of State, 3 Heads of Government, 50 ministers and 18 other high-ranking officials, representing 71 States and the European Union',
    );
  });

  it('should say so when nobody has signed when the record is empty', () => {
    expect(
      rankSentence({ headsOfState: 0, headsOfGovernment: 0, ministers: 0, otherOfficials: 0, states: 0, reios: 0 }),
    ).toBe('No signatures yet');
  });
});
