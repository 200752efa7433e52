import { normaliseHeader, planColumns } from './import-columns.js';

describe('import column recognition', () => {
  it('should treat case, accents, punctuation and camelCase alike when normalising headers', () => {
    expect(normaliseHeader('Focal-point E-mail')).toBe('focal point e mail');
    expect(normaliseHeader('focalPointEmail')).toBe('focal point email');
    expect(normaliseHeader(' FOCAL_POINT_EMAIL ')).toBe('focal point email');
    expect(normaliseHeader('Délégation')).toBe('delegation');
  });

  it('should recognise aliases, apply an explicit mapping first and report what it ignores', () => {
    const plan = planColumns(['Type', 'Pays', 'Organisation', 'E-mail', 'Ref'], { Pays: 'participant', Ref: 'ignore' });
    expect(plan.fields).toEqual(['kind', 'participant', 'organisationName', 'focalPointEmail', null]);
    expect(plan.ignored).toEqual(['Ref']);
    expect(plan.errors).toEqual([]);
  });

  it('should refuse two columns for one field and a mapping to an unknown field or column', () => {
    const plan = planColumns(['email', 'Focal point email'], { Missing: 'kind', email: 'colour' });
    expect(plan.errors.map((e) => e.message)).toEqual([
      'mapping names a column the file does not have',
      'mapping names an unknown field "colour"',
    ]);
    const duplicate = planColumns(['email', 'Focal point email']);
    expect(duplicate.errors).toEqual([
      { column: 'Focal point email', message: 'both "email" and "Focal point email" map to focalPointEmail' },
    ]);
  });
});
