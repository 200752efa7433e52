import { RegionalGroup } from './regional-group.js';

/**
 * Curated data: the UN regional group of every UN member State (193) and non-member observer State (2), by ISO
 * 3166-1 alpha-3 code. Names and codes come from i18n-iso-countries; only this mapping is kept in the repository,
 * because no maintained package provides it. Source: the UN Department for General Assembly and Conference
 * Management's list of regional groups. Notes: Türkiye and Israel are counted with the Western European and Others
 * Group, the United States (which attends that group as an observer) too, Kiribati with Asia-Pacific; the State of
 * Palestine is a full member of the Asia-Pacific Group; the Holy See belongs to no group (null).
 */
// prettier-ignore
export const UN_STATES: Readonly<Record<string, { group: RegionalGroup | null; observer?: true }>> = Object.fromEntries(
  [
    ...[
      'DZA', 'AGO', 'BEN', 'BWA', 'BFA', 'BDI', 'CPV', 'CMR', 'CAF', 'TCD', 'COM', 'COG', 'CIV', 'COD', 'DJI', 'EGY',
      'GNQ', 'ERI', 'SWZ', 'ETH', 'GAB', 'GMB', 'GHA', 'GIN', 'GNB', 'KEN', 'LSO', 'LBR', 'LBY', 'MDG', 'MWI', 'MLI',
      'MRT', 'MUS', 'MAR', 'MOZ', 'NAM', 'NER', 'NGA', 'RWA', 'STP', 'SEN', 'SYC', 'SLE', 'SOM', 'ZAF', 'SSD', 'SDN',
      'TGO', 'TUN', 'UGA', 'TZA', 'ZMB', 'ZWE',
    ].map((code) => [code, { group: RegionalGroup.African }]),
    ...[
      'AFG', 'BHR', 'BGD', 'BTN', 'BRN', 'KHM', 'CHN', 'CYP', 'PRK', 'FJI', 'IND', 'IDN', 'IRN', 'IRQ', 'JPN', 'JOR',
      'KAZ', 'KIR', 'KWT', 'KGZ', 'LAO', 'LBN', 'MYS', 'MDV', 'MHL', 'FSM', 'MNG', 'MMR', 'NRU', 'NPL', 'OMN', 'PAK',
      'PLW', 'PNG', 'PHL', 'QAT', 'KOR', 'WSM', 'SAU', 'SGP', 'SLB', 'LKA', 'SYR', 'TJK', 'THA', 'TLS', 'TON', 'TKM',
      'TUV', 'ARE', 'UZB', 'VUT', 'VNM', 'YEM',
    ].map((code) => [code, { group: RegionalGroup.AsiaPacific }]),
    ...[
      'ALB', 'ARM', 'AZE', 'BLR', 'BIH', 'BGR', 'HRV', 'CZE', 'EST', 'GEO', 'HUN', 'LVA', 'LTU', 'MNE', 'MKD', 'POL',
      'MDA', 'ROU', 'RUS', 'SRB', 'SVK', 'SVN', 'UKR',
    ].map((code) => [code, { group: RegionalGroup.EasternEuropean }]),
    ...[
      'ATG', 'ARG', 'BHS', 'BRB', 'BLZ', 'BOL', 'BRA', 'CHL', 'COL', 'CRI', 'CUB', 'DMA', 'DOM', 'ECU', 'SLV', 'GRD',
      'GTM', 'GUY', 'HTI', 'HND', 'JAM', 'MEX', 'NIC', 'PAN', 'PRY', 'PER', 'KNA', 'LCA', 'VCT', 'SUR', 'TTO', 'URY',
      'VEN',
    ].map((code) => [code, { group: RegionalGroup.LatinAmericanCaribbean }]),
    ...[
      'AND', 'AUS', 'AUT', 'BEL', 'CAN', 'DNK', 'FIN', 'FRA', 'DEU', 'GRC', 'ISL', 'IRL', 'ISR', 'ITA', 'LIE', 'LUX',
      'MLT', 'MCO', 'NLD', 'NZL', 'NOR', 'PRT', 'SMR', 'ESP', 'SWE', 'CHE', 'TUR', 'GBR', 'USA',
    ].map((code) => [code, { group: RegionalGroup.WesternEuropeanOthers }]),
    ['PSE', { group: RegionalGroup.AsiaPacific, observer: true }],
    ['VAT', { group: null, observer: true }],
  ],
);
