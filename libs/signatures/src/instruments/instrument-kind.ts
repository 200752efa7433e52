/**
 * The instruments by which a party consents to be bound (UN Treaty Handbook, section 3.3): ratification, acceptance
 * (A), approval (AA), accession (a) and, for international organisations, formal confirmation.
 */
export enum InstrumentKind {
  Ratification = 'ratification',
  Acceptance = 'acceptance',
  Approval = 'approval',
  Accession = 'accession',
  FormalConfirmation = 'formal_confirmation',
}

export const INSTRUMENT_KINDS = Object.values(InstrumentKind);

/** Accession is the act of a party that did not sign; every other instrument follows a signature. */
export const needsSignature = (kind: InstrumentKind) => kind !== InstrumentKind.Accession;

/** Formal confirmation is the organisations' counterpart of ratification; ratification is for States. */
export function allowedFor(kind: InstrumentKind, partyKind: 'state' | 'reio'): boolean {
  if (kind === InstrumentKind.FormalConfirmation) return partyKind === 'reio';
  if (kind === InstrumentKind.Ratification) return partyKind === 'state';
  return true;
}

/** The depositary's abbreviations in the status lists ("A" acceptance, "AA" approval, "a" accession). */
export const INSTRUMENT_ABBREVIATIONS: Record<InstrumentKind, string> = {
  [InstrumentKind.Ratification]: '',
  [InstrumentKind.Acceptance]: 'A',
  [InstrumentKind.Approval]: 'AA',
  [InstrumentKind.Accession]: 'a',
  [InstrumentKind.FormalConfirmation]: 'c',
};
