/**
 * A place with people who use time credits, for the ledger's tests and benchmarks:
 * no demo, nothing else, so the figures are about the ledger alone.
 */
import type { Kith } from '../../kith.js';
import { insertPerson, insertRole } from '../people/index.js';
import { insertPlace } from '../places/index.js';
import { joinTimeCredits, saveTimebankSettings, fundAccountOf } from './accounts.js';

export interface LedgerFixture {
  placeId: string;
  slug: string;
  fundId: string;
  people: Array<{ personId: string; accountId: string; number: string; email: string }>;
  adminId: string;
}

export async function ledgerFixture(
  kith: Kith,
  options: { people: number; overdraftMinutes?: number; slug?: string; passwordHash?: string | null },
): Promise<LedgerFixture> {
  const slug = options.slug ?? `ledger-${Math.random().toString(36).slice(2, 8)}`;
  const place = await insertPlace(kith.db.kysely, { slug, name: `Ledger ${slug}` });
  const admin = await insertPerson(kith.db.kysely, {
    name: 'Ledger Admin',
    email: `admin@${slug}.example`,
    passwordHash: options.passwordHash ?? null,
    language: 'en',
    emailConfirmed: true,
  });
  await insertRole(kith.db.kysely, { placeId: place.id, personId: admin.id, role: 'admin', grantedBy: null });
  await saveTimebankSettings(kith, {
    placeId: place.id,
    actorId: admin.id,
    enabled: true,
    overdraftMinutes: options.overdraftMinutes ?? 0,
  });
  const people: LedgerFixture['people'] = [];
  for (let i = 0; i < options.people; i++) {
    const email = `person${i}@${slug}.example`;
    const person = await insertPerson(kith.db.kysely, {
      name: `Person ${i}`,
      email,
      passwordHash: options.passwordHash ?? null,
      language: 'en',
      emailConfirmed: true,
    });
    await insertRole(kith.db.kysely, { placeId: place.id, personId: person.id, role: 'resident', grantedBy: null });
    const account = await joinTimeCredits(kith, { placeId: place.id, personId: person.id });
    people.push({ personId: person.id, accountId: account.id, number: account.number!, email });
  }
  const fund = await fundAccountOf(kith, place.id);
  return { placeId: place.id, slug, fundId: fund.id, people, adminId: admin.id };
}
