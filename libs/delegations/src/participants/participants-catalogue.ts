import countries from 'i18n-iso-countries';
import type { EntityManager } from 'typeorm';
import { Participant, type ParticipantNames } from './participant.entity.js';
import { ParticipantKind, UnStatus } from './regional-group.js';
import { UN_STATES } from './un-regional-groups.data.js';

/** The languages names are kept in: the six UN languages and Vietnamese (the host's). */
export const NAME_LANGUAGES = ['en', 'fr', 'es', 'ru', 'zh', 'ar', 'vi'] as const;

/**
 * Short names the UN uses where the package's first name differs (the package favours common usage, e.g.
 * "Vietnam", "South Korea"); a signatory list must read as the depositary writes it. English and French only.
 */
const UN_NAMES: Record<string, { en?: string; fr?: string }> = {
  VNM: { en: 'Viet Nam', fr: 'Viet Nam' },
  KOR: { en: 'Republic of Korea', fr: 'République de Corée' },
  PRK: { en: "Democratic People's Republic of Korea", fr: 'République populaire démocratique de Corée' },
  VAT: { en: 'Holy See', fr: 'Saint-Siège' },
  PSE: { en: 'State of Palestine', fr: 'État de Palestine' },
  TUR: { en: 'Türkiye', fr: 'Türkiye' },
  CZE: { en: 'Czechia', fr: 'Tchéquie' },
  CPV: { en: 'Cabo Verde', fr: 'Cabo Verde' },
  CIV: { en: "Côte d'Ivoire", fr: "Côte d'Ivoire" },
  MDA: { en: 'Republic of Moldova', fr: 'République de Moldova' },
  FSM: { en: 'Micronesia (Federated States of)', fr: 'Micronésie (États fédérés de)' },
  BOL: { en: 'Bolivia (Plurinational State of)', fr: 'Bolivie (État plurinational de)' },
  VEN: { en: 'Venezuela (Bolivarian Republic of)', fr: 'Venezuela (République bolivarienne du)' },
  IRN: { en: 'Iran (Islamic Republic of)', fr: "Iran (République islamique d')" },
  GBR: { en: 'United Kingdom of Great Britain and Northern Ireland' },
  NLD: { en: 'Netherlands (Kingdom of the)', fr: 'Pays-Bas (Royaume des)' },
  BRN: { en: 'Brunei Darussalam', fr: 'Brunéi Darussalam' },
  MKD: { en: 'North Macedonia', fr: 'Macédoine du Nord' },
  COD: { en: 'Democratic Republic of the Congo', fr: 'République démocratique du Congo' },
  COG: { en: 'Congo', fr: 'Congo' },
  TZA: { en: 'United Republic of Tanzania', fr: 'République-Unie de Tanzanie' },
  SYR: { en: 'Syrian Arab Republic', fr: 'République arabe syrienne' },
  LAO: { en: "Lao People's Democratic Republic", fr: 'République démocratique populaire lao' },
  RUS: { en: 'Russian Federation', fr: 'Fédération de Russie' },
};

export type CatalogueEntry = Pick<
  Participant,
  'code' | 'kind' | 'alpha3' | 'alpha2' | 'nameEn' | 'nameFr' | 'names' | 'unStatus' | 'regionalGroup'
>;

const EUROPEAN_UNION: CatalogueEntry = {
  code: 'EU',
  kind: ParticipantKind.Reio,
  alpha3: null,
  alpha2: null,
  nameEn: 'European Union',
  nameFr: 'Union européenne',
  names: {
    en: 'European Union',
    fr: 'Union européenne',
    es: 'Unión Europea',
    ru: 'Европейский союз',
    zh: '欧洲联盟',
    ar: 'الاتحاد الأوروبي',
    vi: 'Liên minh châu Âu',
  },
  unStatus: null,
  regionalGroup: null,
};

/** Builds the catalogue: 193 UN member States, 2 observer States, the European Union. Pure, for tests. */
export function buildCatalogue(): CatalogueEntry[] {
  const states = Object.entries(UN_STATES).map(([alpha3, { group, observer }]): CatalogueEntry => {
    const alpha2 = countries.alpha3ToAlpha2(alpha3);
    if (!alpha2) throw new Error(`i18n-iso-countries does not know ${alpha3}`);
    const names: ParticipantNames = {};
    for (const language of NAME_LANGUAGES) {
      const name = countries.getName(alpha2, language, { select: 'official' });
      if (name) names[language] = name;
    }
    Object.assign(names, UN_NAMES[alpha3]);
    if (!names.en || !names.fr) throw new Error(`i18n-iso-countries has no English or French name for ${alpha3}`);
    return {
      code: alpha3,
      kind: ParticipantKind.State,
      alpha3,
      alpha2,
      nameEn: names.en,
      nameFr: names.fr,
      names,
      unStatus: observer ? UnStatus.ObserverState : UnStatus.Member,
      regionalGroup: group,
    };
  });
  return [...states.sort((a, b) => a.nameEn.localeCompare(b.nameEn, 'en')), EUROPEAN_UNION];
}

/**
 * Inserts or refreshes the catalogue (keyed by code, so ids stay stable and delegations keep their references).
 * Safe to run concurrently from several processes and on every start-up.
 */
export async function syncCatalogue(manager: EntityManager): Promise<number> {
  const entries = buildCatalogue();
  await manager
    .createQueryBuilder()
    .insert()
    .into(Participant)
    .values(entries)
    .orUpdate(['kind', 'alpha3', 'alpha2', 'name_en', 'name_fr', 'names', 'un_status', 'regional_group'], ['code'])
    .updateEntity(false)
    .execute();
  return entries.length;
}
