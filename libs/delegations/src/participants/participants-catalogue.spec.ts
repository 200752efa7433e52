import { SEAT_KINDS } from '@accord/events';
import { DELEGATION_KINDS } from '../delegation-kind.js';
import { buildCatalogue } from './participants-catalogue.js';
import { RegionalGroup, UnStatus } from './regional-group.js';

describe('participants catalogue', () => {
  const catalogue = buildCatalogue();
  const states = catalogue.filter((p) => p.kind === 'state');

  it('should hold the 193 UN member States, the 2 observer States and the European Union', () => {
    expect(states.filter((s) => s.unStatus === UnStatus.Member)).toHaveLength(193);
    expect(states.filter((s) => s.unStatus === UnStatus.ObserverState).map((s) => s.code)).toEqual(
      expect.arrayContaining(['VAT', 'PSE']),
    );
    expect(states).toHaveLength(195);
    expect(catalogue.filter((p) => p.kind === 'reio').map((p) => p.code)).toEqual(['EU']);
    expect(new Set(catalogue.map((p) => p.code)).size).toBe(catalogue.length);
    expect(new Set(states.map((p) => p.alpha2)).size).toBe(195);
  });

  it('should put every member State in exactly one UN regional group with the known group sizes', () => {
    const count = (group: RegionalGroup) =>
      states.filter((s) => s.unStatus === UnStatus.Member && s.regionalGroup === group).length;
    expect(count(RegionalGroup.African)).toBe(54);
    expect(count(RegionalGroup.AsiaPacific)).toBe(54);
    expect(count(RegionalGroup.EasternEuropean)).toBe(23);
    expect(count(RegionalGroup.LatinAmericanCaribbean)).toBe(33);
    expect(count(RegionalGroup.WesternEuropeanOthers)).toBe(29);
  });

  it('should give English, French and where available the other UN languages and Vietnamese', () => {
    const vietNam = catalogue.find((p) => p.code === 'VNM')!;
    expect(vietNam).toMatchObject({ alpha2: 'VN', alpha3: 'VNM', nameEn: 'Viet Nam', nameFr: 'Viet Nam' });
    expect(Object.keys(vietNam.names).sort()).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'vi', 'zh']);
    for (const p of catalogue) {
      expect(p.nameEn.length).toBeGreaterThan(1);
      expect(p.nameFr.length).toBeGreaterThan(1);
    }
    expect(catalogue.find((p) => p.code === 'FRA')).toMatchObject({ nameEn: 'France', nameFr: 'France' });
  });

  it('should key the seat caps of an event by exactly the delegation kinds', () => {
    expect([...SEAT_KINDS].sort()).toEqual([...DELEGATION_KINDS].sort());
  });
});
