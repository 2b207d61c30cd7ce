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
];
