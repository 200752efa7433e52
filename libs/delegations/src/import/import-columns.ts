/**
 * The columns a delegation import understands, and the header names each is recognised by. Headers are compared
 * after normalising (case, accents, punctuation), so "Focal point e-mail", "FOCAL_POINT_EMAIL" and "focalPointEmail"
 * are the same column. An explicit mapping (header → field) overrides the recognition.
 */
export const IMPORT_FIELDS = {
  kind: ['type', 'category', 'delegation kind', 'delegation type'],
  participant: ['participant code', 'state', 'country', 'iso3', 'alpha3', 'alpha 3', 'iso code', 'code', 'state code'],
  organisationName: ['organisation', 'organization', 'organization name', 'org'],
  countryCode: ['organisation country', 'organization country', 'seat country', 'country of seat'],
  focalPointName: ['focal point', 'contact', 'contact name'],
  focalPointEmail: ['focal point e mail', 'contact email', 'contact e mail', 'email', 'e mail'],
  focalPointPhone: ['contact phone', 'phone', 'telephone'],
  focalPointLanguage: ['language', 'lang', 'contact language'],
  headName: ['head', 'head of delegation', 'head of delegation name'],
  headTitle: ['head of delegation title', 'head function', 'title', 'function'],
  headEmail: ['head e mail', 'head of delegation email'],
  headWillSign: ['head signs', 'signs', 'will sign', 'signatory'],
  notes: ['remarks', 'comments'],
} as const;

export type ImportField = keyof typeof IMPORT_FIELDS;
export const IMPORT_FIELD_NAMES = Object.keys(IMPORT_FIELDS) as ImportField[];

/** `Focal-point E-mail` → `focal point e mail`; `focalPointEmail` → `focal point email`. */
export function normaliseHeader(header: string): string {
  return header
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const RECOGNISED = new Map<string, ImportField>(
  IMPORT_FIELD_NAMES.flatMap((field) => [
    [normaliseHeader(field), field] as const,
    ...IMPORT_FIELDS[field].map((alias) => [normaliseHeader(alias), field] as const),
  ]),
);

export interface ColumnPlan {
  /** Field of each column index, or null for a column that is ignored. */
  fields: (ImportField | null)[];
  ignored: string[];
  /** Problems with the header row itself (duplicate columns, bad mapping entries). */
  errors: { column: string; message: string }[];
}

/** Decides which column feeds which field, from the header row and an optional explicit mapping. */
export function planColumns(headers: string[], mapping: Record<string, string> = {}): ColumnPlan {
  const explicit = new Map(Object.entries(mapping).map(([header, field]) => [normaliseHeader(header), field]));
  const errors: ColumnPlan['errors'] = [];
  for (const [header, field] of Object.entries(mapping)) {
    if (field !== 'ignore' && !IMPORT_FIELD_NAMES.includes(field as ImportField))
      errors.push({ column: header, message: `mapping names an unknown field "${field}"` });
    if (!headers.some((h) => normaliseHeader(h) === normaliseHeader(header)))
      errors.push({ column: header, message: 'mapping names a column the file does not have' });
  }
  const seen = new Map<ImportField, string>();
  const ignored: string[] = [];
  const fields = headers.map((header) => {
    const normalised = normaliseHeader(header);
    const mapped = explicit.get(normalised);
    const field =
      mapped !== undefined ? (mapped === 'ignore' ? null : (mapped as ImportField)) : RECOGNISED.get(normalised);
    if (!field || !IMPORT_FIELD_NAMES.includes(field)) {
      ignored.push(header);
      return null;
    }
    if (seen.has(field)) {
      errors.push({ column: header, message: `both "${seen.get(field)}" and "${header}" map to ${field}` });
      return null;
    }
    seen.set(field, header);
    return field;
  });
  return { fields, ignored, errors };
}
