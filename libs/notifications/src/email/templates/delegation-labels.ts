/** How delegation kinds read in mail; an unknown kind shows as it is stored. */
export const DELEGATION_KIND_LABELS: Record<'en' | 'fr', Record<string, string>> = {
  en: {
    state: 'State',
    reio: 'Regional economic integration organisation',
    igo: 'Intergovernmental organisation',
    un_entity: 'United Nations entity',
    ngo: 'Non-governmental organisation',
    private_sector: 'Private sector',
    academia: 'Academia',
  },
  fr: {
    state: 'État',
    reio: 'Organisation régionale d’intégration économique',
    igo: 'Organisation intergouvernementale',
    un_entity: 'Entité des Nations Unies',
    ngo: 'Organisation non gouvernementale',
    private_sector: 'Secteur privé',
    academia: 'Milieu universitaire',
  },
};
