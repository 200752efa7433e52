import { diffChanges, REDACTED } from './audit-changes.js';

describe('diffChanges', () => {
  it('should keep only the fields that changed when given two snapshots', () => {
    expect(diffChanges({ status: 'submitted', name: 'Viet Nam' }, { status: 'approved', name: 'Viet Nam' })).toEqual({
      status: { from: 'submitted', to: 'approved' },
    });
  });

  it('should redact personal data while recording that it changed', () => {
    expect(diffChanges({ email: 'a@x.org' }, { email: 'b@x.org' })).toEqual({
      email: { from: REDACTED, to: REDACTED },
    });
    expect(diffChanges(undefined, { phone: '+84 1', status: 'submitted' })).toEqual({
      phone: { from: null, to: REDACTED },
      status: { from: null, to: 'submitted' },
    });
  });

  it('should compare dates by instant when snapshots hold Date objects', () => {
    const at = new Date('2025-10-25T02:00:00Z');
    expect(diffChanges({ at }, { at: new Date(at) })).toEqual({});
  });

  it('should compare as JSON: equal objects and numbers are no change, a string is not a boolean', () => {
    expect(diffChanges({ o: { a: [1] }, n: 2, x: NaN }, { o: { a: [1] }, n: 2, x: null })).toEqual({});
    expect(diffChanges({ flag: true, count: 1 }, { flag: 'true', count: '1' })).toEqual({
      flag: { from: true, to: 'true' },
      count: { from: 1, to: '1' },
    });
  });
});
