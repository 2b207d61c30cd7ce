/**
 * What the demo directory is made of: the venues of Calderbrook and Aberllyn, their
 * organisations, and the kinds of activity they run. demo.ts combines them into listings.
 * The postcode areas (KL for Calderbrook, YL for Aberllyn) do not exist in the real
 * UK, so no demo address can be mistaken for a real one.
 */

export interface DemoVenue {
  key: string;
  name: string;
  address: string;
  postcode: string;
  accessibility: string;
}

export interface DemoActivity {
  name: string;
  description: string;
  howToJoin: string;
  whoFor: string;
  terms: string[];
  cost: { kind: 'free' | 'pay_what_you_can' | 'amount'; pence?: number; description?: string };
  ages?: [number | null, number | null];
  /** Weekly on these days unless monthly (nth week) or fortnightly. */
  days: string[];
  times: [string, string];
  freq?: 'fortnightly' | 'monthly';
  nth?: number;
  languages?: string[];
}

export interface DemoOrganisation {
  key: string;
  name: string;
  description: string;
  kind: 'charity' | 'community_group' | 'informal_group' | 'council' | 'business' | 'other';
  website?: string;
  venues: string[];
  activities: DemoActivity[];
}

export const CALDERBROOK_CENTRE = { latitude: 53.7106, longitude: -1.9032 };
export const ABERLLYN_CENTRE = { latitude: 52.7051, longitude: -4.0538 };

/** Postcode districts around each town: KL1 is the centre, the others a few miles out. */
export const DISTRICTS: Array<{ district: string; latitude: number; longitude: number }> = [
  { district: 'KL1', latitude: 53.7106, longitude: -1.9032 },
  { district: 'KL2', latitude: 53.7231, longitude: -1.8851 },
  { district: 'KL3', latitude: 53.6988, longitude: -1.879 },
  { district: 'KL4', latitude: 53.7014, longitude: -1.9298 },
  { district: 'KL5', latitude: 53.7302, longitude: -1.9215 },
  { district: 'KL6', latitude: 53.6751, longitude: -1.8602 },
  { district: 'YL1', latitude: 52.7051, longitude: -4.0538 },
  { district: 'YL2', latitude: 52.7165, longitude: -4.0411 },
  { district: 'YL3', latitude: 52.6932, longitude: -4.0705 },
];

const ACCESS = {
  full: 'Step-free entrance from the car park. Accessible toilet. Hearing loop in the main hall. Chairs with arms available.',
  partial:
    'Two steps at the front door with a handrail; a ramp at the side entrance on request. Accessible toilet on the ground floor.',
  outdoor:
    'Meet at the main gate. Paths are mostly flat and surfaced; some grass. Benches every few hundred metres. Toilets at the café.',
  library:
    'Level access and automatic doors. Lift to the first floor. Accessible toilet and baby changing. Large-print and audio books.',
  upstairs: 'Upstairs room with a lift. Accessible toilet on the same floor. Quiet room available.',
};

export const VENUES: DemoVenue[] = [
  {
    key: 'library',
    name: 'Calderbrook Library',
    address: '2 Market Street',
    postcode: 'KL1 1AA',
    accessibility: ACCESS.library,
  },
  {
    key: 'stmarys',
    name: 'St Mary’s Church Hall',
    address: 'Church Lane',
    postcode: 'KL1 2BD',
    accessibility: ACCESS.partial,
  },
  {
    key: 'centre',
    name: 'Brookside Community Centre',
    address: '14 Brookside Road',
    postcode: 'KL1 3EF',
    accessibility: ACCESS.full,
  },
  {
    key: 'park',
    name: 'Calder Park',
    address: 'Park Road entrance',
    postcode: 'KL2 1AB',
    accessibility: ACCESS.outdoor,
  },
  {
    key: 'leisure',
    name: 'Calderbrook Leisure Centre',
    address: 'Station Road',
    postcode: 'KL2 4HJ',
    accessibility: ACCESS.full,
  },
  {
    key: 'mosque',
    name: 'Medina Community Hall',
    address: '40 Victoria Street',
    postcode: 'KL3 2CD',
    accessibility: ACCESS.full,
  },
  {
    key: 'hive',
    name: 'The Hive Café',
    address: '9 Bridge Street',
    postcode: 'KL1 4GH',
    accessibility: ACCESS.partial,
  },
  {
    key: 'methodist',
    name: 'Weavers Methodist Church',
    address: 'Weavers Row',
    postcode: 'KL4 1JK',
    accessibility: ACCESS.full,
  },
  {
    key: 'allotments',
    name: 'Hollins Lane Allotments',
    address: 'Hollins Lane',
    postcode: 'KL4 3LM',
    accessibility: ACCESS.outdoor,
  },
  {
    key: 'youth',
    name: 'Northgate Youth Club',
    address: '3 Northgate',
    postcode: 'KL5 2NP',
    accessibility: ACCESS.full,
  },
  {
    key: 'miners',
    name: 'Old Miners’ Institute',
    address: 'High Street, Hollinby',
    postcode: 'KL6 1QR',
    accessibility: ACCESS.upstairs,
  },
  {
    key: 'school',
    name: 'Calderbrook Primary School Hall',
    address: 'School Street',
    postcode: 'KL3 4ST',
    accessibility: ACCESS.full,
  },
  {
    key: 'townhall',
    name: 'Calderbrook Town Hall',
    address: 'Market Square',
    postcode: 'KL1 1AB',
    accessibility: ACCESS.full,
  },
  {
    key: 'foodbank',
    name: 'Calderbrook Food Bank',
    address: 'Unit 4, Mill Yard',
    postcode: 'KL3 1UV',
    accessibility: ACCESS.full,
  },
  {
    key: 'canal',
    name: 'Canal Basin Boathouse',
    address: 'Towpath, Wharf Street',
    postcode: 'KL2 3WX',
    accessibility: ACCESS.partial,
  },
  {
    key: 'hollinby',
    name: 'Hollinby Village Hall',
    address: 'Green Lane, Hollinby',
    postcode: 'KL6 2YZ',
    accessibility: ACCESS.full,
  },
  {
    key: 'quaker',
    name: 'Friends Meeting House',
    address: '7 Cloth Hall Street',
    postcode: 'KL1 2CD',
    accessibility: ACCESS.partial,
  },
  {
    key: 'cornexchange',
    name: 'Corn Exchange Community Rooms',
    address: 'Corn Market',
    postcode: 'KL1 3AB',
    accessibility: ACCESS.upstairs,
  },
  {
    key: 'stjohns',
    name: 'St John’s Church Hall',
    address: 'Kirkgate',
    postcode: 'KL1 4JK',
    accessibility: ACCESS.full,
  },
  {
    key: 'healthcentre',
    name: 'Calderbrook Health Centre',
    address: 'Albion Street',
    postcode: 'KL1 3LM',
    accessibility: ACCESS.full,
  },
  {
    key: 'museum',
    name: 'Calderbrook Museum',
    address: 'Piece Hall Yard',
    postcode: 'KL1 4AB',
    accessibility: ACCESS.partial,
  },
  {
    key: 'market',
    name: 'Market Hall Café',
    address: 'Market Hall, Market Square',
    postcode: 'KL1 1HJ',
    accessibility: ACCESS.full,
  },
  {
    key: 'lock',
    name: 'Lock Keeper’s Cottage',
    address: 'Lock Lane',
    postcode: 'KL2 3HJ',
    accessibility: ACCESS.partial,
  },
  {
    key: 'bowls',
    name: 'Calder Park Bowling Club',
    address: 'Park Road',
    postcode: 'KL2 1EF',
    accessibility: ACCESS.full,
  },
  {
    key: 'cricket',
    name: 'Calderbrook Cricket Club Pavilion',
    address: 'Savile Road',
    postcode: 'KL2 2CD',
    accessibility: ACCESS.partial,
  },
  {
    key: 'marina',
    name: 'Calder Marina Café',
    address: 'Marina Walk',
    postcode: 'KL2 3NP',
    accessibility: ACCESS.full,
  },
  {
    key: 'parkcafe',
    name: 'Calder Park Café',
    address: 'Park Road, by the lake',
    postcode: 'KL2 1QR',
    accessibility: ACCESS.full,
  },
  {
    key: 'stpauls',
    name: 'St Paul’s Church, Brookfoot',
    address: 'Halifax Road',
    postcode: 'KL2 4AB',
    accessibility: ACCESS.partial,
  },
  {
    key: 'millyard',
    name: 'Mill Yard Studios',
    address: 'Unit 9, Mill Yard',
    postcode: 'KL3 1CD',
    accessibility: ACCESS.upstairs,
  },
  {
    key: 'lowfieldcc',
    name: 'Lowfield Community Centre',
    address: 'Lowfield Avenue',
    postcode: 'KL3 3AB',
    accessibility: ACCESS.full,
  },
  {
    key: 'gurdwara',
    name: 'Guru Nanak Gurdwara Hall',
    address: '22 Victoria Street',
    postcode: 'KL3 2GH',
    accessibility: ACCESS.full,
  },
  {
    key: 'familyhub',
    name: 'Lowfield Family Hub',
    address: 'Beck Road',
    postcode: 'KL3 3HJ',
    accessibility: ACCESS.full,
  },
  {
    key: 'lowfieldpark',
    name: 'Lowfield Recreation Ground',
    address: 'Beck Road, by the pavilion',
    postcode: 'KL3 3QR',
    accessibility: ACCESS.outdoor,
  },
  {
    key: 'stbarnabas',
    name: 'St Barnabas Church Hall',
    address: 'Moor End Road',
    postcode: 'KL3 4CD',
    accessibility: ACCESS.partial,
  },
  {
    key: 'weaversarms',
    name: 'The Weavers Arms',
    address: '12 Weavers Row',
    postcode: 'KL4 1NP',
    accessibility: ACCESS.partial,
  },
  {
    key: 'orchard',
    name: 'Hollins Farm Community Orchard',
    address: 'Hollins Lane',
    postcode: 'KL4 3CD',
    accessibility: ACCESS.outdoor,
  },
  {
    key: 'westfield',
    name: 'Westfield Community Centre',
    address: 'Westfield Road',
    postcode: 'KL4 2AB',
    accessibility: ACCESS.full,
  },
  {
    key: 'stthomas',
    name: 'St Thomas’s Church Hall',
    address: 'Heptonstall Road',
    postcode: 'KL4 2HJ',
    accessibility: ACCESS.partial,
  },
  {
    key: 'bandroom',
    name: 'Calderbrook Brass Band Room',
    address: 'Tenter Street',
    postcode: 'KL4 4EF',
    accessibility: ACCESS.upstairs,
  },
  {
    key: 'tenterfields',
    name: 'Tenter Fields',
    address: 'Tenter Street gate',
    postcode: 'KL4 4LM',
    accessibility: ACCESS.outdoor,
  },
  {
    key: 'northgatelib',
    name: 'Northgate Library',
    address: '1 Northgate Parade',
    postcode: 'KL5 2AB',
    accessibility: ACCESS.library,
  },
  {
    key: 'northgatecc',
    name: 'Northgate Community Hub',
    address: 'Northgate Parade',
    postcode: 'KL5 2GH',
    accessibility: ACCESS.full,
  },
  {
    key: 'moortop',
    name: 'Moor Top Reservoir car park',
    address: 'Moor Top Lane',
    postcode: 'KL5 1AB',
    accessibility: ACCESS.outdoor,
  },
  {
    key: 'salvation',
    name: 'Salvation Army Hall',
    address: 'Crossley Street',
    postcode: 'KL5 3CD',
    accessibility: ACCESS.partial,
  },
  {
    key: 'northgatesports',
    name: 'Northgate Academy Sports Hall',
    address: 'School Lane, Northgate',
    postcode: 'KL5 4HJ',
    accessibility: ACCESS.full,
  },
  {
    key: 'hollinbychapel',
    name: 'Hollinby Baptist Chapel',
    address: 'Chapel Fold, Hollinby',
    postcode: 'KL6 1CD',
    accessibility: ACCESS.partial,
  },
  {
    key: 'hollinbycricket',
    name: 'Hollinby Cricket Club',
    address: 'Cricket Lane, Hollinby',
    postcode: 'KL6 3AB',
    accessibility: ACCESS.full,
  },
  {
    key: 'hollinbywoods',
    name: 'Hollinby Woods car park',
    address: 'Woodhouse Lane, Hollinby',
    postcode: 'KL6 3LM',
    accessibility: ACCESS.outdoor,
  },
  {
    key: 'hollinbycafe',
    name: 'Hollinby Post Office Café',
    address: 'Main Street, Hollinby',
    postcode: 'KL6 2CD',
    accessibility: ACCESS.partial,
  },
  {
    key: 'neuadd',
    name: 'Neuadd y Dref Aberllyn',
    address: 'Sgwâr y Farchnad',
    postcode: 'YL1 1AA',
    accessibility: 'Mynediad heb risiau. Toiled hygyrch. Dolen sain yn y brif neuadd.',
  },
  {
    key: 'capel',
    name: 'Festri Capel Bethel',
    address: 'Stryd y Capel',
    postcode: 'YL1 2CD',
    accessibility: 'Un gris wrth y drws gyda chanllaw. Toiled ar y llawr gwaelod.',
  },
  {
    key: 'traeth',
    name: 'Maes parcio’r traeth',
    address: 'Ffordd y Môr',
    postcode: 'YL2 1EF',
    accessibility: 'Llwybr gwastad ar hyd y prom. Meinciau a thoiledau yn y caffi.',
  },
  {
    key: 'llyfrgell',
    name: 'Llyfrgell Aberllyn',
    address: '5 Stryd Fawr',
    postcode: 'YL3 1GH',
    accessibility: 'Mynediad gwastad a drysau awtomatig. Toiled hygyrch.',
  },
  {
    key: 'ysgol',
    name: 'Ysgol Gynradd Aberllyn',
    address: 'Ffordd yr Ysgol',
    postcode: 'YL2 2AB',
    accessibility: 'Mynediad heb risiau. Toiled hygyrch.',
  },
  {
    key: 'harbwr',
    name: 'Caban yr Harbwr',
    address: 'Y Cei',
    postcode: 'YL2 3CD',
    accessibility: 'Llwybr gwastad at y drws. Toiled hygyrch gerllaw.',
  },
  {
    key: 'eglwys',
    name: 'Neuadd Eglwys Sant Tudno',
    address: 'Lôn yr Eglwys',
    postcode: 'YL3 2EF',
    accessibility: 'Ramp wrth y drws ochr. Toiled ar y llawr gwaelod.',
  },
  {
    key: 'coed',
    name: 'Maes parcio Coed y Llyn',
    address: 'Lôn y Llyn',
    postcode: 'YL3 3GH',
    accessibility: 'Llwybrau graean, rhai yn serth. Dim toiledau.',
  },
  {
    key: 'gardd',
    name: 'Gardd Gymunedol Aberllyn',
    address: 'Lôn Gefn',
    postcode: 'YL1 3JK',
    accessibility: 'Llwybrau llydan gwastad a gwelyau uchel. Toiled yn y caban.',
  },
];
