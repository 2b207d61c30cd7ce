/**
 * Builds a county-scale place into a fresh, migrated database: the same rows for the
 * same seed and sizes, every time, so figures from two runs compare like with like.
 *
 * One generator a capability, run in order; each may build on what the earlier ones
 * made (groups are run by the organisers generatePeople chose, say). A new capability
 * adds its function here and one line in GENERATORS, nothing else.
 */
import { performance } from 'node:perf_hooks';
import { sql, type Insertable } from 'kysely';
import type { Kith } from '../src/kith.js';
import type { PersonTable, PlaceRoleTable } from '../src/modules/people/schema.js';
import { hashPassword } from '../src/modules/people/passwords.js';
import type { PlaceTable } from '../src/modules/places/schema.js';
import type { Role } from '../src/policy/index.js';
import { generateDirectory } from './directory.js';
import { generateExchanges, generateTimebank } from './timebank.js';
import { generateOutcomes } from './outcomes.js';
import { bulkInsert } from './insert.js';
import { emailLocalPart, FIRST_NAMES, SURNAMES, WELSH_FIRST_NAMES, WELSH_SURNAMES } from './names.js';
import type { DatasetSizes } from './options.js';
import { Rng } from './random.js';

/** The password every generated person shares, for benchmarks that sign in. */
export const BENCH_PASSWORD = 'bench-kith-county';

/**
 * Timestamps fall in a fixed window, not around "now", so the dataset does not drift
 * from one day's run to the next.
 */
const HISTORY_FROM = '2023-01-01T00:00:00.000Z';
const HISTORY_TO = '2026-11-01T00:00:00.000Z';

export interface GeneratedPlace {
  id: string;
  slug: string;
  name: string;
  welsh: boolean;
}

/** What the generators have made so far, for the ones after them and for the benchmarks. */
export interface Dataset {
  places: GeneratedPlace[];
  /** The county itself: where nearly everyone lives and what benchmarks look at first. */
  county?: GeneratedPlace;
  /** Every person's id, in the order they were made. */
  personIds: string[];
  /** Who holds each role, by place: organisers will run the groups, admins grant roles. */
  roleHolders: Map<Role, Array<{ placeId: string; personId: string }>>;
}

export interface GenerationContext {
  kith: Kith;
  seed: number;
  sizes: DatasetSizes;
  dataset: Dataset;
}

/** One table's load, for the report: how many rows and how fast. */
export interface TableLoad {
  table: string;
  rows: number;
  seconds: number;
}

export interface CapabilityResult {
  capability: string;
  tables: TableLoad[];
  /** Anything the reader should know: what was skipped, what took time besides inserting. */
  notes: string[];
}

export interface CapabilityGenerator {
  capability: string;
  generate(context: GenerationContext): Promise<CapabilityResult>;
}

// ---------------------------------------------------------------------------------
// Places

/**
 * One county-scale place with nearly everyone in it, and two small neighbours (one
 * Welsh) so that pages listing places, people in several places and both languages
 * all have something to show.
 */
const PLACES = [
  { slug: 'harrowdale', name: 'Harrowdale', nameCy: null, share: 0.92, welsh: false },
  { slug: 'kingsmere', name: 'Kingsmere', nameCy: null, share: 0.05, welsh: false },
  { slug: 'llanfair-on-wye', name: 'Llanfair-on-Wye', nameCy: 'Llanfair-ar-Wy', share: 0.03, welsh: true },
] as const;

export async function generatePlaces(context: GenerationContext): Promise<CapabilityResult> {
  const rng = Rng.forCapability(context.seed, 'places');
  const rows: Array<Insertable<PlaceTable>> = PLACES.map((p) => ({
    id: rng.uuid(),
    slug: p.slug,
    name: p.name,
    name_cy: p.nameCy,
    time_zone: 'Europe/London',
    created_at: HISTORY_FROM,
    approves_members: 0,
  }));
  const load = await timed('places', () => bulkInsert(context.kith.db, 'places', rows));
  context.dataset.places = rows.map((row, i) => ({
    id: row.id,
    slug: row.slug,
    name: row.name,
    welsh: PLACES[i]!.welsh,
  }));
  context.dataset.county = context.dataset.places[0];
  return { capability: 'places', tables: [load], notes: [] };
}

// ---------------------------------------------------------------------------------
// People and their roles

/**
 * What a member of a place does there, in proportions a county might see: nearly
 * everyone is a resident; a few in a hundred run something; staff roles are rarer.
 * Organisers are residents too; paid staff (coordinators, link workers...) often
 * are not members as residents, as in the demo.
 */
const ROLE_PROFILES: ReadonlyArray<readonly [Role[], number]> = [
  [['resident'], 95.9],
  [['organiser', 'resident'], 2.5],
  [['coordinator'], 0.6],
  [['link_worker'], 0.4],
  [['partner'], 0.3],
  [['officer'], 0.3],
];
/** Each place is run by a few admins (the first people who joined it). */
const ADMINS_PER_PLACE = 3;
/** Some people belong to a second place: they live in one and work or volunteer in another. */
const SECOND_PLACE_SHARE = 0.01;
/** Erased accounts stay as rows without a name, so pages must cope with "someone". */
const ERASED_SHARE = 0.005;
const SIGNED_IN_SHARE = 0.7;
const WELSH_LANGUAGE_SHARE_IN_WALES = 0.35;
const WELSH_LANGUAGE_SHARE_ELSEWHERE = 0.005;
const EMAIL_DOMAINS = ['example.org', 'example.com', 'example.net'] as const;

/** What the roles pass needs to know about each person, kept compact for a million people. */
interface Membership {
  homePlace: Uint8Array;
  /** 255 when the person belongs to one place only. */
  secondPlace: Uint8Array;
  erased: Uint8Array;
  joinedAt: string[];
}

export async function generatePeople(context: GenerationContext): Promise<CapabilityResult> {
  const { kith, dataset } = context;
  const count = context.sizes.people;
  const places = dataset.places;
  if (!places.length) throw new Error('generatePeople needs generatePlaces to run first');

  // scrypt is deliberately slow (tens of milliseconds): hash once, share the hash.
  const hashStarted = performance.now();
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const hashSeconds = (performance.now() - hashStarted) / 1000;

  const rng = Rng.forCapability(context.seed, 'people');
  const membership: Membership = {
    homePlace: new Uint8Array(count),
    secondPlace: new Uint8Array(count).fill(255),
    erased: new Uint8Array(count),
    joinedAt: new Array<string>(count),
  };
  const adminsNeeded = places.map(() => ADMINS_PER_PLACE);
  const placeWeights = PLACES.map((p, i) => [i, p.share] as const);
  const ids = new Array<string>(count);

  function* people(): Generator<Insertable<PersonTable>> {
    for (let i = 0; i < count; i++) {
      const home = rng.weighted(placeWeights);
      const welsh = places[home]!.welsh;
      const first = welsh && rng.chance(0.6) ? rng.pick(WELSH_FIRST_NAMES) : rng.pick(FIRST_NAMES);
      const last = welsh && rng.chance(0.6) ? rng.pick(WELSH_SURNAMES) : rng.pick(SURNAMES);
      const createdAt = rng.isoBetween(HISTORY_FROM, HISTORY_TO);
      const isAdmin = adminsNeeded[home]! > 0;
      if (isAdmin) adminsNeeded[home]!--;
      const erased = !isAdmin && rng.chance(ERASED_SHARE);
      const id = rng.uuid();
      ids[i] = id;
      membership.homePlace[i] = home;
      membership.erased[i] = erased ? 1 : 0;
      membership.joinedAt[i] = createdAt;
      if (!erased && places.length > 1 && rng.chance(SECOND_PLACE_SHARE)) {
        membership.secondPlace[i] = (home + rng.int(1, places.length - 1)) % places.length;
      }
      const updatedAt = rng.chance(0.3) ? rng.isoBetween(createdAt, HISTORY_TO) : createdAt;
      const language = rng.chance(welsh ? WELSH_LANGUAGE_SHARE_IN_WALES : WELSH_LANGUAGE_SHARE_ELSEWHERE) ? 'cy' : 'en';
      if (erased) {
        // As erasePersonRow leaves it.
        yield {
          id,
          name: null,
          email: null,
          password_hash: null,
          language: 'en',
          created_at: createdAt,
          updated_at: updatedAt,
          last_signed_in_at: null,
          erased_at: updatedAt,
          email_confirmed_at: null,
        };
        continue;
      }
      yield {
        id,
        name: `${first} ${last}`,
        // The running number keeps every address unique, as the unique index requires.
        email: `${emailLocalPart(first)}.${emailLocalPart(last)}.${i + 1}@${rng.pick(EMAIL_DOMAINS)}`,
        password_hash: passwordHash,
        language,
        created_at: createdAt,
        updated_at: updatedAt,
        last_signed_in_at: rng.chance(SIGNED_IN_SHARE) ? rng.isoBetween(updatedAt, HISTORY_TO) : null,
        erased_at: null,
        email_confirmed_at: createdAt,
      };
    }
  }
  const peopleLoad = await timed('people', () => bulkInsert(kith.db, 'people', people()));
  dataset.personIds = ids;

  const rolesLoad = await timed('place_roles', () =>
    bulkInsert(kith.db, 'place_roles', roles(context, ids, membership)),
  );
  return {
    capability: 'people',
    tables: [peopleLoad, rolesLoad],
    notes: [`one password hashed once (scrypt, ${(hashSeconds * 1000).toFixed(0)} ms) and shared by every person`],
  };
}

/** Every person's roles: admins first in each place, so staff roles can say who granted them. */
function* roles(
  context: GenerationContext,
  ids: string[],
  membership: Membership,
): Generator<Insertable<PlaceRoleTable>> {
  const { places, roleHolders } = context.dataset;
  const rng = Rng.forCapability(context.seed, 'people.roles');
  const adminOf = places.map(() => [] as string[]);
  const grant = (
    place: GeneratedPlace,
    personId: string,
    role: Role,
    grantedBy: string | null,
    grantedAt: string,
  ): Insertable<PlaceRoleTable> => {
    let holders = roleHolders.get(role);
    if (!holders) roleHolders.set(role, (holders = []));
    holders.push({ placeId: place.id, personId });
    return { place_id: place.id, person_id: personId, role, granted_by: grantedBy, granted_at: grantedAt };
  };

  for (let i = 0; i < ids.length; i++) {
    if (membership.erased[i]) continue; // erasure removes a person's roles
    const home = membership.homePlace[i]!;
    const place = places[home]!;
    const personId = ids[i]!;
    const joinedAt = membership.joinedAt[i]!;
    if (adminOf[home]!.length < ADMINS_PER_PLACE) {
      adminOf[home]!.push(personId);
      yield grant(place, personId, 'admin', null, joinedAt);
      yield grant(place, personId, 'resident', null, joinedAt);
    } else {
      const profile = rng.weighted(ROLE_PROFILES);
      for (const role of profile) {
        // Residents join by themselves; any other role is given by one of the place's admins.
        const grantedBy = role === 'resident' ? null : rng.pick(adminOf[home]!);
        yield grant(place, personId, role, grantedBy, joinedAt);
      }
    }
    const second = membership.secondPlace[i]!;
    if (second !== 255) yield grant(places[second]!, personId, 'resident', null, rng.isoBetween(joinedAt, HISTORY_TO));
  }
}

// ---------------------------------------------------------------------------------
// Capabilities still to come

/**
 * The generators, in the order they run. To add a capability: write its
 * generateSomething(context) above (rows from Rng.forCapability(seed, name), written
 * with bulkInsert, what later generators need put on the dataset) and list it here,
 * replacing its notYet line.
 */
export const GENERATORS: readonly CapabilityGenerator[] = [
  { capability: 'places', generate: generatePlaces },
  { capability: 'people', generate: generatePeople },
  { capability: 'directory', generate: generateDirectory },
  { capability: 'timebank', generate: generateTimebank },
  { capability: 'exchanges', generate: generateExchanges },
  { capability: 'outcomes', generate: generateOutcomes },
];

export interface GenerationResult {
  dataset: Dataset;
  capabilities: CapabilityResult[];
  seconds: number;
}

/** Runs every generator against a freshly migrated Kith, then refreshes the planner's statistics. */
export async function generateDataset(
  kith: Kith,
  options: { seed: number; sizes: DatasetSizes },
  log: (line: string) => void = () => {},
): Promise<GenerationResult> {
  const started = performance.now();
  const context: GenerationContext = {
    kith,
    seed: options.seed,
    sizes: options.sizes,
    dataset: { places: [], personIds: [], roleHolders: new Map() },
  };
  const capabilities: CapabilityResult[] = [];
  for (const generator of GENERATORS) {
    const result = await generator.generate(context);
    capabilities.push(result);
    for (const t of result.tables)
      log(`  ${t.table}: ${t.rows.toLocaleString('en-GB')} rows in ${t.seconds.toFixed(1)} s`);
    for (const note of result.notes) log(`  ${result.capability}: ${note}`);
  }
  await refreshStatistics(kith);
  return { dataset: context.dataset, capabilities, seconds: (performance.now() - started) / 1000 };
}

/**
 * A server started on a freshly bulk-loaded database would otherwise plan its queries
 * from empty-table statistics until autovacuum (or nobody, on SQLite) catches up.
 */
export async function refreshStatistics(kith: Kith): Promise<void> {
  if (kith.db.sqlite) {
    kith.db.sqlite.exec('analyze');
    // Fold the load into the main file so the server does not start by checkpointing it.
    kith.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return;
  }
  await sql`analyze`.execute(kith.db.kysely);
}

async function timed(table: string, load: () => number | Promise<number>): Promise<TableLoad> {
  const started = performance.now();
  const rows = await load();
  return { table, rows, seconds: (performance.now() - started) / 1000 };
}
