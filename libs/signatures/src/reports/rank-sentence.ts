export interface RankCounts {
  headsOfState: number;
  headsOfGovernment: number;
  ministers: number;
  otherOfficials: number;
  /** Parties represented by those signatures. */
  states: number;
  reios: number;
  /** The REIO's name when exactly one signed ("the European Union"). */
  reioName?: string | null;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "a, b and c" */
function enumerate(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/**
 * The sentence UN press releases use for treaty actions by rank, e.g. "2 Heads of State, 1 Head of Government, 19
 * ministers and 3 other high-ranking officials, representing 25 States" (press release L/3302). Categories with no
 * signature are left out.
 */
export function rankSentence(counts: RankCounts): string {
  const actions = [
    counts.headsOfState && plural(counts.headsOfState, 'Head of State', 'Heads of State'),
    counts.headsOfGovernment && plural(counts.headsOfGovernment, 'Head of Government', 'Heads of Government'),
    counts.ministers && plural(counts.ministers, 'minister', 'ministers'),
    counts.otherOfficials &&
      plural(counts.otherOfficials, 'other high-ranking official', 'other high-ranking officials'),
  ].filter((part): part is string => Boolean(part));
  if (actions.length === 0) return 'No signatures yet';
  const parties = [counts.states ? plural(counts.states, 'State', 'States') : ''].filter(Boolean);
  if (counts.reios === 1 && counts.reioName) parties.push(counts.reioName);
  else if (counts.reios > 0)
    parties.push(
      plural(counts.reios, 'regional economic integration organization', 'regional economic integration organizations'),
    );
  return `${enumerate(actions)}, representing ${enumerate(parties)}`;
}
