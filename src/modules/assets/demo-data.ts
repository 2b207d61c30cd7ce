/**
 * What the demo asset map is made of: Calderbrook's assets of every kind (and a few of
 * Aberllyn's, in Welsh), residents' skills and passions with different visibilities,
 * and the register's nominations. demo.ts writes them. Organisations are named as the
 * directory's demo names them; postcodes are the directory's demo postcodes.
 */
import type { CommunityAssetKind, SkillKind, Visibility } from './schema.js';

export interface DemoAsset {
  key: string;
  kind: CommunityAssetKind;
  name: string;
  description: string;
  organisation?: string;
  postcode?: string;
  visibility?: 'coordinators' | 'members' | 'public';
}

export const CALDERBROOK_ASSETS: DemoAsset[] = [
  // Spaces, buildings and land
  {
    key: 'park',
    kind: 'physical',
    name: 'Calder Park',
    description:
      'Twenty acres of grass, woodland and a boating lake in the middle of town, with a bandstand, a café and a play area. Looked after by the council and the Friends of Calder Park.',
    organisation: 'Friends of Calder Park',
    postcode: 'KL2 1AB',
  },
  {
    key: 'library',
    kind: 'physical',
    name: 'Calderbrook Library',
    description:
      'The town’s library: books, computers, free Wi-Fi, a children’s corner and a community room. Open six days a week.',
    organisation: 'Calderbrook Council Libraries',
    postcode: 'KL1 1AA',
  },
  {
    key: 'millLane',
    kind: 'physical',
    name: 'Mill Lane Library',
    description:
      'A small branch library in a Victorian reading room, open two days a week. The council is offering it to a community group to run.',
    organisation: 'Calderbrook Council Libraries',
  },
  {
    key: 'anglers',
    kind: 'physical',
    name: 'The Angler’s Rest',
    description:
      'The last pub on the canal at Wharfside, built in 1826 for the boatmen. Home to the darts league, the angling club’s meetings and the Thursday folk night, and the only place in Wharfside where people meet.',
    postcode: 'KL2 3ST',
  },
  {
    key: 'baths',
    kind: 'physical',
    name: 'The Old Baths, Mill Street',
    description:
      'The Victorian swimming baths, closed since 2019. Local people want it back as a community space with a café and a small pool.',
    postcode: 'KL1 3CD',
  },
  {
    key: 'golf',
    kind: 'physical',
    name: 'Calderbrook Golf Club clubhouse',
    description:
      'The clubhouse and bar of the golf club on the edge of town, used by members and hired out for functions.',
    postcode: 'KL5 4YZ',
  },
  {
    key: 'miners',
    kind: 'physical',
    name: 'Old Miners’ Institute',
    description:
      'A stone hall built by the miners’ union in 1904, now used by the Men’s Shed, the history society and a weekly veterans’ breakfast.',
    postcode: 'KL6 1QR',
  },
  {
    key: 'allotments',
    kind: 'physical',
    name: 'Hollins Lane Allotments',
    description:
      'Sixty plots, a shared polytunnel and a composting toilet. Two plots are kept for the school and one for people referred by their GP.',
    organisation: 'Hollins Lane Growers',
    postcode: 'KL4 3LM',
  },
  {
    key: 'towpath',
    kind: 'physical',
    name: 'Canal towpath and basin',
    description:
      'Four miles of flat, surfaced towpath from the basin to Hollinby, with benches and a slipway for canoes.',
    organisation: 'Calder Canal Trust',
    postcode: 'KL2 3WX',
  },
  {
    key: 'hollinbyHall',
    kind: 'physical',
    name: 'Hollinby Village Hall',
    description:
      'The village hall at Hollinby: a main hall for 120, a kitchen and a garden. Community groups pay half the usual rate.',
    postcode: 'KL6 2YZ',
  },
  {
    key: 'centre',
    kind: 'physical',
    name: 'Brookside Community Centre',
    description:
      'Three rooms, a sports hall and a community kitchen, open seven days a week and run by a residents’ management committee.',
    postcode: 'KL1 3EF',
  },
  // Networks and groups
  {
    key: 'weaversRow',
    kind: 'network',
    name: 'Weavers Row street chat',
    description:
      'Forty households on Weavers Row and the streets around it who lend tools, share lifts and look in on each other.',
    visibility: 'members',
  },
  {
    key: 'mutualAid',
    kind: 'network',
    name: 'Calderbrook Mutual Aid',
    description:
      'Started in 2020 to fetch shopping and prescriptions; now about two hundred neighbours who help each other with whatever comes up.',
    organisation: 'Calderbrook Together',
  },
  {
    key: 'parents',
    kind: 'network',
    name: 'Canal Basin parents’ network',
    description: 'Parents of young children who meet at the play area and pass on clothes, buggies and advice.',
    visibility: 'members',
  },
  {
    key: 'dogWalkers',
    kind: 'network',
    name: 'Hollinby early dog walkers',
    description:
      'A dozen people who walk their dogs on the moor road at seven every morning and notice when someone is missing.',
  },
  // Associations
  {
    key: 'tenants',
    kind: 'association',
    name: 'Brookside Tenants’ and Residents’ Association',
    description:
      'Elected by the residents of the Brookside estate; meets monthly with the housing association and runs the summer fun day.',
  },
  {
    key: 'village',
    kind: 'association',
    name: 'Hollinby Village Society',
    description:
      'Looks after the village green, the Christmas lights and the well dressing, and speaks for the village on planning.',
  },
  {
    key: 'medina',
    kind: 'association',
    name: 'Medina Community Association',
    description: 'Runs the Medina Community Hall, a supplementary school and the Eid festival in the park.',
    organisation: 'Medina Community Association',
  },
  // Organisations' resources
  {
    key: 'libraryRoom',
    kind: 'organisation',
    name: 'Library community room',
    description:
      'A room for twenty with a screen, free for community groups on weekday evenings. Book at the library desk.',
    organisation: 'Calderbrook Council Libraries',
    postcode: 'KL1 1AA',
  },
  {
    key: 'minibus',
    kind: 'organisation',
    name: 'Leisure centre minibus',
    description: 'A sixteen-seat accessible minibus with a volunteer driver, lent to community groups on Sundays.',
    organisation: 'Calderbrook Leisure Trust',
    postcode: 'KL2 4HJ',
  },
  {
    key: 'van',
    kind: 'organisation',
    name: 'Food bank refrigerated van',
    description: 'The food bank’s van, available on Mondays to other groups collecting surplus food from supermarkets.',
    organisation: 'Calderbrook Food Bank',
    postcode: 'KL3 1UV',
  },
  {
    key: 'quietRoom',
    kind: 'organisation',
    name: 'Open Door quiet room',
    description: 'A quiet room at the Hive Café that coordinators can book at short notice for someone in distress.',
    organisation: 'Open Door Calderbrook',
    postcode: 'KL1 4GH',
    visibility: 'coordinators',
  },
  // Economic assets
  {
    key: 'market',
    kind: 'economic',
    name: 'Calderbrook Saturday market',
    description:
      'Thirty stalls on Market Square every Saturday, with two free stalls a week for community groups and new traders.',
    postcode: 'KL1 1AB',
  },
  {
    key: 'creditUnion',
    kind: 'economic',
    name: 'Calder Valley Credit Union',
    description:
      'Savings accounts and fair loans for people who live or work in the valley, with a collection point at the library.',
    postcode: 'KL1 1AA',
  },
  {
    key: 'energy',
    kind: 'economic',
    name: 'Community solar roofs',
    description:
      'Solar panels on six community buildings, owned by local shareholders; the surplus pays for draught-proofing homes.',
    organisation: 'Calderbrook Community Energy Co-op',
    postcode: 'KL1 3EF',
  },
  {
    key: 'hive',
    kind: 'economic',
    name: 'The Hive Café',
    description: 'A social enterprise café that trains and employs young people from the town.',
    postcode: 'KL1 4GH',
  },
  {
    key: 'weaversArms',
    kind: 'economic',
    name: 'The Weavers Arms',
    description:
      'Bought by 300 local shareholders in 2021 and run as a community pub, with a shop and a post office counter.',
    organisation: 'The Weavers Arms Community Pub',
    postcode: 'KL6 1QR',
  },
];

export const ABERLLYN_ASSETS: DemoAsset[] = [
  {
    key: 'neuadd',
    kind: 'physical',
    name: 'Neuadd y Dref Aberllyn',
    description: 'Neuadd i 200 o bobl yng nghanol y dref, ar gael am ddim i grwpiau cymunedol ar nos Fawrth.',
    postcode: 'YL1 1AA',
  },
  {
    key: 'llyfrgell',
    kind: 'physical',
    name: 'Llyfrgell Aberllyn',
    description: 'Llyfrau Cymraeg a Saesneg, cyfrifiaduron a Wi-Fi am ddim, a chornel i blant.',
    postcode: 'YL3 1GH',
  },
  {
    key: 'gardd',
    kind: 'physical',
    name: 'Gardd Gymunedol Aberllyn',
    description: 'Gardd lysiau a pherllan fach y tu ôl i’r neuadd, lle mae croeso i bawb helpu ar fore Sadwrn.',
    organisation: 'Gardd Gymunedol Aberllyn',
    postcode: 'YL1 1AB',
  },
  {
    key: 'llew',
    kind: 'economic',
    name: 'Y Llew Coch',
    description: 'Tafarn olaf y stryd fawr, lle mae’r côr yn ymarfer a’r clwb pysgota’n cyfarfod.',
    postcode: 'YL1 2CD',
  },
  {
    key: 'stryd',
    kind: 'network',
    name: 'Grŵp sgwrsio Stryd y Capel',
    description: 'Trigolion Stryd y Capel sy’n rhannu offer, yn cynnig lifft ac yn cadw llygad ar ei gilydd.',
    visibility: 'members',
  },
  {
    key: 'hanes',
    kind: 'association',
    name: 'Cymdeithas Hanes Aberllyn',
    description: 'Yn cyfarfod yn y llyfrgell bob mis i rannu lluniau a straeon am hanes y dref a’r chwareli.',
  },
];

export interface DemoSkill {
  person: string;
  place: string;
  kind: SkillKind;
  description: string;
  category: string | null;
  visibility: Visibility;
}

export const DEMO_SKILLS: DemoSkill[] = [
  {
    person: 'resident',
    place: 'calderbrook',
    kind: 'skill',
    description: 'Knitting and crochet, and teaching others to knit',
    category: 'creative',
    visibility: 'public',
  },
  {
    person: 'resident',
    place: 'calderbrook',
    kind: 'passion',
    description: 'Baking for community events',
    category: 'food',
    visibility: 'members',
  },
  {
    person: 'retiredTeacher',
    place: 'calderbrook',
    kind: 'skill',
    description: 'Helping children with reading and maths',
    category: 'teaching',
    visibility: 'coordinators',
  },
  {
    person: 'retiredTeacher',
    place: 'calderbrook',
    kind: 'passion',
    description: 'The history of the mills and the canal',
    category: 'other',
    visibility: 'public',
  },
  {
    person: 'gardener',
    place: 'calderbrook',
    kind: 'skill',
    description: 'Growing vegetables on a small plot',
    category: 'food',
    visibility: 'public',
  },
  {
    person: 'youngResident',
    place: 'calderbrook',
    kind: 'skill',
    description: 'Making short videos and running social media for a group',
    category: 'digital',
    visibility: 'members',
  },
  {
    person: 'newArrival',
    place: 'calderbrook',
    kind: 'skill',
    description: 'Speaks Dari, Pashto and Farsi; happy to interpret',
    category: 'languages',
    visibility: 'coordinators',
  },
  {
    person: 'carer',
    place: 'calderbrook',
    kind: 'skill',
    description: 'First aid, with a certificate renewed this year',
    category: 'caring',
    visibility: 'only_me',
  },
  {
    person: 'student',
    place: 'calderbrook',
    kind: 'skill',
    description: 'Fixing bikes and mending punctures',
    category: 'practical',
    visibility: 'members',
  },
  {
    person: 'organiser',
    place: 'calderbrook',
    kind: 'passion',
    description: 'Getting people out walking together',
    category: 'outdoors',
    visibility: 'public',
  },
  {
    person: 'welshResident',
    place: 'aberllyn',
    kind: 'skill',
    description: 'Sgwrsio yn Gymraeg gyda dysgwyr',
    category: 'languages',
    visibility: 'public',
  },
  {
    person: 'cyclist',
    place: 'aberllyn',
    kind: 'skill',
    description: 'Trwsio beiciau',
    category: 'practical',
    visibility: 'members',
  },
];

/**
 * The register, in days before the demo loads: the Angler's Rest listed, then put up for
 * sale with a community bid (seeds A2); the Old Baths awaiting a decision; the golf
 * clubhouse not listed; the Weavers Arms listed with no sale.
 */
export const DEMO_NOMINATIONS = [
  {
    asset: 'anglers',
    group: 'Calderbrook Together',
    by: 'admin',
    daysAgo: 790,
    reasons:
      'The Angler’s Rest is the only place left in Wharfside where people meet. The darts league, the angling club and the Thursday folk night all use it, and older residents without cars rely on it for company.',
    decision: {
      outcome: 'listed' as const,
      daysAgo: 760,
      reason:
        'Its main use furthers the social wellbeing of the Wharfside community, and it is realistic that it can continue to do so.',
    },
    notice: { daysAgo: 25, bidderDaysAgo: 12, bidder: 'Wharfside Community Pub Society' },
  },
  {
    asset: 'baths',
    group: 'Calderbrook Local History Society',
    by: 'admin',
    daysAgo: 20,
    reasons:
      'The baths were the town’s gathering place for a century. Reopened as a community space, they would again further the social wellbeing of the town.',
  },
  {
    asset: 'golf',
    group: 'Calderbrook Walking Group',
    by: 'organiser',
    daysAgo: 200,
    reasons: 'Walkers use the clubhouse café at the end of the moor walk.',
    decision: {
      outcome: 'not_listed' as const,
      daysAgo: 150,
      reason:
        'Its main use is as a private members’ club. The nomination did not show that it furthers the social wellbeing or interests of the wider community.',
    },
  },
  {
    asset: 'weaversArms',
    group: 'The Weavers Arms Community Pub',
    by: 'admin',
    daysAgo: 1500,
    reasons: 'The last pub and shop in Hollinby, now owned by the village.',
    decision: {
      outcome: 'listed' as const,
      daysAgo: 1450,
      reason:
        'It furthers the social wellbeing and social interests of Hollinby, as its only pub, shop and post office.',
    },
  },
];

/**
 * A community asset transfer under way: the council offered Mill Lane Library, two
 * groups expressed interest, one was shortlisted and sent its business case, and
 * residents are giving their views (as Cornwall's libraries passed to community groups).
 */
export const DEMO_TRANSFER = {
  asset: 'millLane',
  openedDaysAgo: 60,
  closesDaysAgo: 30,
  shortlistedDaysAgo: 25,
  viewsDaysAgo: 5,
  summary:
    'The council is offering Mill Lane Library to a community group on a long lease at a peppercorn rent, so it can open more days than the council can afford. The building needs a new roof within five years.',
  interests: [
    {
      group: 'Friends of Calder Park',
      by: 'organiser',
      shortlisted: true,
      whoWeAre: 'A charity of 200 members who already run the park café and its volunteers.',
      whatWeWouldDo: 'Open the library five days a week with volunteers and a part-time manager, with a homework club.',
      communityBenefit: 'Books, computers and a warm room for Mill Lane’s families and older people.',
      businessCase: {
        plan: 'Open Monday to Friday, 10 to 4, and two evenings; a homework club and a reading group.',
        finance: 'Room hire, a small café and grants; a roof fund started with the Heritage Lottery.',
        governance: 'A charitable incorporated organisation with eight trustees elected each year.',
        beneficiaries: 'Children after school, older people, and anyone without a computer at home.',
      },
    },
    {
      group: 'Calderbrook Together',
      by: 'admin',
      shortlisted: false,
      whoWeAre: 'A residents’ network across Calderbrook.',
      whatWeWouldDo: 'A community hub with the library as one part of it.',
      communityBenefit: 'A place for groups to meet.',
    },
  ],
} as const;
