/** The five UN regional groups (General Assembly electoral groups). */
export enum RegionalGroup {
  African = 'african',
  AsiaPacific = 'asia_pacific',
  EasternEuropean = 'eastern_european',
  LatinAmericanCaribbean = 'latin_american_caribbean',
  WesternEuropeanOthers = 'western_european_others',
}

export const REGIONAL_GROUPS = Object.values(RegionalGroup);

export enum ParticipantKind {
  State = 'state',
  Reio = 'reio',
}

/** A State's standing at the United Nations: one of the 193 members, or a non-member observer State. */
export enum UnStatus {
  Member = 'member',
  ObserverState = 'observer_state',
}
