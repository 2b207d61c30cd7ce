import type { Kith } from '../../kith.js';
import type { Role } from '../../policy/index.js';
import type { DemoState } from '../module.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { findPersonByEmail, insertPerson, insertRole } from './store.js';

/**
 * The people of the demo places, one or more for every role, so each part of Kith can
 * be tried as the person it is for. They all share the demo password.
 */
const DEMO_PEOPLE: Array<{
  key: string;
  name: string;
  email: string;
  language?: 'en' | 'cy';
  roles: Array<[place: string, Role]>;
}> = [
  {
    key: 'admin',
    name: 'Priya Shah',
    email: 'admin@calderbrook.example',
    roles: [
      ['calderbrook', 'admin'],
      ['calderbrook', 'resident'],
      ['aberllyn', 'admin'],
    ],
  },
  {
    key: 'organiser',
    name: 'Tom Okafor',
    email: 'organiser@calderbrook.example',
    roles: [
      ['calderbrook', 'organiser'],
      ['calderbrook', 'resident'],
    ],
  },
  {
    key: 'coordinator',
    name: 'Grace Mensah',
    email: 'coordinator@calderbrook.example',
    roles: [['calderbrook', 'coordinator']],
  },
  {
    key: 'linkWorker',
    name: 'Daniel Hughes',
    email: 'linkworker@calderbrook.example',
    roles: [['calderbrook', 'link_worker']],
  },
  {
    key: 'probationOfficer',
    name: 'Dev Sharma',
    email: 'probation@calderbrook.example',
    roles: [['calderbrook', 'referrer']],
  },
  { key: 'partner', name: 'Lisa Chen', email: 'partner@calderbrook.example', roles: [['calderbrook', 'partner']] },
  { key: 'officer', name: 'Samira Patel', email: 'officer@calderbrook.example', roles: [['calderbrook', 'officer']] },
  { key: 'resident', name: 'Edna Price', email: 'resident@calderbrook.example', roles: [['calderbrook', 'resident']] },
  {
    key: 'welshResident',
    name: 'Aled Jones',
    email: 'aled@aberllyn.example',
    language: 'cy',
    roles: [['aberllyn', 'resident']],
  },
  {
    key: 'welshOrganiser',
    name: 'Siân Roberts',
    email: 'sian@aberllyn.example',
    language: 'cy',
    roles: [
      ['aberllyn', 'organiser'],
      ['aberllyn', 'resident'],
    ],
  },
  {
    key: 'youngResident',
    name: 'Kemi Adeyemi',
    email: 'kemi@calderbrook.example',
    roles: [['calderbrook', 'resident']],
  },
  {
    key: 'retiredTeacher',
    name: 'Harold Whitfield',
    email: 'harold@calderbrook.example',
    roles: [['calderbrook', 'resident']],
  },
  { key: 'newArrival', name: 'Yusuf Rahimi', email: 'yusuf@calderbrook.example', roles: [['calderbrook', 'resident']] },
  { key: 'carer', name: 'Joanne Fletcher', email: 'joanne@calderbrook.example', roles: [['calderbrook', 'resident']] },
  { key: 'student', name: 'Ben Nowak', email: 'ben@calderbrook.example', roles: [['calderbrook', 'resident']] },
  {
    key: 'gardener',
    name: 'Maureen O’Connell',
    email: 'maureen@calderbrook.example',
    roles: [['calderbrook', 'resident']],
  },
  {
    key: 'cyclist',
    name: 'Rhys Evans',
    email: 'rhys@aberllyn.example',
    language: 'cy',
    roles: [['aberllyn', 'resident']],
  },
];

export const DEMO_PASSWORD = 'together-in-kith';

export async function demoPeople(kith: Kith, demo: DemoState): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  demo.password = DEMO_PASSWORD;
  await kith.db.transaction(async (trx) => {
    for (const p of DEMO_PEOPLE) {
      const person = await insertPerson(trx, {
        name: p.name,
        email: p.email,
        passwordHash,
        language: p.language ?? 'en',
        emailConfirmed: true,
      });
      for (const [placeKey, role] of p.roles) {
        await insertRole(trx, { placeId: demo.places[placeKey]!.id, personId: person.id, role, grantedBy: null });
      }
      demo.people[p.key] = { id: person.id, email: person.email, name: person.name };
    }
    if (demo.residents) {
      for (const [i, name] of DEMO_RESIDENTS.entries()) {
        const person = await insertPerson(trx, {
          name,
          email: `neighbour${String(i + 1).padStart(2, '0')}@calderbrook.example`,
          passwordHash,
          language: i % 10 === 3 ? 'cy' : 'en',
          emailConfirmed: true,
        });
        await insertRole(trx, {
          placeId: demo.places.calderbrook!.id,
          personId: person.id,
          role: 'resident',
          grantedBy: null,
        });
        demo.residents.push(person.id);
      }
    }
  });
}

/** Calderbrook's other residents in the demo (Config.demoResidents): names only, nobody real. */
const DEMO_RESIDENTS = [
  'Amira Haddad',
  'Tom Brennan',
  'Priya Raman',
  'Gwen Morgan',
  'Samuel Okafor',
  'Lucy Chen',
  'Daniel Price',
  'Fatima Begum',
  'George Hughes',
  'Ewa Kowalska',
  'Marcus Bailey',
  'Hannah Schofield',
  'Imran Hussain',
  'Nia Williams',
  'Oliver Grant',
  'Chiara Romano',
  'Patrick Doyle',
  'Aisha Mohammed',
  'Stephen Holt',
  'Mei Ling Wong',
  'Rachel Ackroyd',
  'Kwame Mensah',
  'Sophie Turner',
  'Bilal Akhtar',
  'Carys Jenkins',
  'Andrei Popescu',
  'Margaret Sutcliffe',
  'Jamal Ibrahim',
  'Ellie Walsh',
  'Dev Patel',
];

/**
 * Whether the demo's accounts still sign in with the demo password, so a development
 * start can say how to sign in (and stops saying it once someone changes it).
 */
export async function demoPasswordStillWorks(kith: Kith): Promise<boolean> {
  const admin = await findPersonByEmail(kith.db.kysely, 'admin@calderbrook.example');
  return admin ? verifyPassword(DEMO_PASSWORD, admin.passwordHash) : false;
}
