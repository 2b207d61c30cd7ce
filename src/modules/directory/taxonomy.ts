/**
 * The two vocabularies every place starts with. The first is the typology of social
 * action (seeds A2), from activities professionals lead to ones communities run
 * themselves; the second is what an activity helps with. Admins can add, rename and
 * remove terms afterwards; codes stay stable for imports and links.
 */

export interface ShippedTerm {
  code: string;
  term: string;
  termCy: string;
  description: string;
  descriptionCy: string;
}

export interface ShippedTaxonomy {
  key: string;
  name: string;
  nameCy: string;
  description: string;
  descriptionCy: string;
  terms: ShippedTerm[];
}

export const SOCIAL_ACTION: ShippedTaxonomy = {
  key: 'social-action',
  name: 'Typology of social action',
  nameCy: 'Teipoleg gweithredu cymdeithasol',
  description:
    'The kinds of social action, from formal volunteering to community organising (Enabling social action, A2).',
  descriptionCy:
    'Y mathau o weithredu cymdeithasol, o wirfoddoli ffurfiol i drefnu cymunedol (Galluogi gweithredu cymdeithasol, A2).',
  terms: [
    {
      code: 'formal-volunteering',
      term: 'Formal volunteering',
      termCy: 'Gwirfoddoli ffurfiol',
      description: 'Giving time through an organisation, in a defined role.',
      descriptionCy: 'Rhoi amser drwy sefydliad, mewn rôl benodol.',
    },
    {
      code: 'time-credits',
      term: 'Time credits',
      termCy: 'Credydau amser',
      description: 'Give an hour, earn an hour’s credit, whatever the activity.',
      descriptionCy: 'Rhoi awr, ennill credyd awr, beth bynnag yw’r gweithgaredd.',
    },
    {
      code: 'peer-support',
      term: 'Peer support',
      termCy: 'Cymorth gan gymheiriaid',
      description: 'People with shared experience supporting each other.',
      descriptionCy: 'Pobl â phrofiad tebyg yn cefnogi ei gilydd.',
    },
    {
      code: 'advocacy-movements',
      term: 'Advocacy and social movements',
      termCy: 'Eiriolaeth a mudiadau cymdeithasol',
      description: 'Speaking up together for change.',
      descriptionCy: 'Codi llais gyda’n gilydd dros newid.',
    },
    {
      code: 'co-production',
      term: 'Co-production',
      termCy: 'Cydgynhyrchu',
      description: 'Professionals and residents designing and delivering support together.',
      descriptionCy: 'Gweithwyr proffesiynol a thrigolion yn cynllunio ac yn darparu cymorth gyda’i gilydd.',
    },
    {
      code: 'community-asset-ownership',
      term: 'Community asset ownership',
      termCy: 'Perchnogaeth gymunedol ar asedau',
      description: 'A community owning and running a building or space.',
      descriptionCy: 'Cymuned yn berchen ar adeilad neu le ac yn ei redeg.',
    },
    {
      code: 'co-operative-services',
      term: 'Co-operatively owned services',
      termCy: 'Gwasanaethau sy’n eiddo cydweithredol',
      description: 'Services owned and run by the people who use or work in them.',
      descriptionCy: 'Gwasanaethau sy’n eiddo i’r bobl sy’n eu defnyddio neu’n gweithio ynddynt.',
    },
    {
      code: 'community-organising',
      term: 'Community organising',
      termCy: 'Trefnu cymunedol',
      description: 'Building relationships and people-power to act on what matters locally.',
      descriptionCy: 'Meithrin perthnasoedd a grym pobl i weithredu ar yr hyn sy’n bwysig yn lleol.',
    },
    {
      code: 'befriending-helping',
      term: 'Befriending and helping',
      termCy: 'Cyfeillio a helpu',
      description: 'Neighbours offering time, company and practical help.',
      descriptionCy: 'Cymdogion yn cynnig amser, cwmni a help ymarferol.',
    },
  ],
};

export const NEEDS: ShippedTaxonomy = {
  key: 'needs',
  name: 'Needs and interests',
  nameCy: 'Anghenion a diddordebau',
  description: 'What an activity helps with, and who it is especially for.',
  descriptionCy: 'Beth mae gweithgaredd yn helpu ag ef, ac ar gyfer pwy yn arbennig.',
  terms: [
    {
      code: 'loneliness',
      term: 'Loneliness and isolation',
      termCy: 'Unigrwydd ac arwahanrwydd',
      description: 'Company, conversation and connection.',
      descriptionCy: 'Cwmni, sgwrs a chysylltiad.',
    },
    {
      code: 'mental-health',
      term: 'Mental health and wellbeing',
      termCy: 'Iechyd meddwl a llesiant',
      description: 'Feeling better, calmer and more connected.',
      descriptionCy: 'Teimlo’n well, yn dawelach ac yn fwy cysylltiedig.',
    },
    {
      code: 'physical-activity',
      term: 'Physical activity',
      termCy: 'Gweithgarwch corfforol',
      description: 'Moving more, at any pace.',
      descriptionCy: 'Symud mwy, ar unrhyw gyflymder.',
    },
    {
      code: 'food',
      term: 'Food',
      termCy: 'Bwyd',
      description: 'Shared meals, cooking, growing and food banks.',
      descriptionCy: 'Prydau bwyd ar y cyd, coginio, tyfu a banciau bwyd.',
    },
    {
      code: 'money',
      term: 'Money and debt',
      termCy: 'Arian a dyled',
      description: 'Advice on benefits, bills and budgeting.',
      descriptionCy: 'Cyngor ar fudd-daliadau, biliau a chyllidebu.',
    },
    {
      code: 'digital-skills',
      term: 'Digital skills',
      termCy: 'Sgiliau digidol',
      description: 'Getting online with confidence.',
      descriptionCy: 'Mynd ar-lein yn hyderus.',
    },
    {
      code: 'carers',
      term: 'Carers',
      termCy: 'Gofalwyr',
      description: 'Support for people who look after someone.',
      descriptionCy: 'Cymorth i bobl sy’n gofalu am rywun.',
    },
    {
      code: 'families',
      term: 'Families and children',
      termCy: 'Teuluoedd a phlant',
      description: 'For parents, carers and children together.',
      descriptionCy: 'I rieni, gofalwyr a phlant gyda’i gilydd.',
    },
    {
      code: 'older-people',
      term: 'Older people',
      termCy: 'Pobl hŷn',
      description: 'Especially welcoming to people in later life.',
      descriptionCy: 'Yn arbennig o groesawgar i bobl mewn oed.',
    },
    {
      code: 'young-people',
      term: 'Young people',
      termCy: 'Pobl ifanc',
      description: 'For teenagers and young adults.',
      descriptionCy: 'I bobl ifanc yn eu harddegau ac oedolion ifanc.',
    },
    {
      code: 'learning',
      term: 'Learning and skills',
      termCy: 'Dysgu a sgiliau',
      description: 'Classes, conversation and trying new things.',
      descriptionCy: 'Dosbarthiadau, sgwrsio a rhoi cynnig ar bethau newydd.',
    },
    {
      code: 'environment',
      term: 'Environment and green spaces',
      termCy: 'Yr amgylchedd a mannau gwyrdd',
      description: 'Gardens, parks, litter picks and nature.',
      descriptionCy: 'Gerddi, parciau, casglu sbwriel a byd natur.',
    },
    {
      code: 'arts-culture',
      term: 'Arts and culture',
      termCy: 'Y celfyddydau a diwylliant',
      description: 'Making, singing, reading and creating together.',
      descriptionCy: 'Creu, canu a darllen gyda’n gilydd.',
    },
    {
      code: 'new-arrivals',
      term: 'New arrivals and languages',
      termCy: 'Newydd-ddyfodiaid ac ieithoedd',
      description: 'Welcoming people new to the area, and language practice.',
      descriptionCy: 'Croesawu pobl sy’n newydd i’r ardal, ac ymarfer iaith.',
    },
    {
      code: 'disability',
      term: 'Disability',
      termCy: 'Anabledd',
      description: 'Led by or designed with disabled people.',
      descriptionCy: 'Dan arweiniad pobl anabl neu wedi’i gynllunio gyda hwy.',
    },
    {
      code: 'dementia',
      term: 'Dementia',
      termCy: 'Dementia',
      description: 'For people living with dementia and those who care for them.',
      descriptionCy: 'I bobl sy’n byw gyda dementia a’r rhai sy’n gofalu amdanynt.',
    },
    {
      code: 'housing',
      term: 'Housing',
      termCy: 'Tai',
      description: 'Help with a home and staying in it.',
      descriptionCy: 'Help gyda chartref ac aros ynddo.',
    },
    {
      code: 'employment',
      term: 'Work and volunteering experience',
      termCy: 'Gwaith a phrofiad gwirfoddoli',
      description: 'Skills and experience towards a job.',
      descriptionCy: 'Sgiliau a phrofiad tuag at swydd.',
    },
  ],
};

export const SHIPPED_TAXONOMIES: readonly ShippedTaxonomy[] = [SOCIAL_ACTION, NEEDS];

/** A term's or vocabulary's name in the page's language, falling back to English. */
export function localised(lang: string, en: string, cy: string | null | undefined): string {
  return lang === 'cy' && cy ? cy : en;
}
