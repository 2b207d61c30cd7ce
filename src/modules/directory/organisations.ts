/**
 * Commands an admin uses to run the directory: organisations, who organises them, and
 * the taxonomy. Each is one transaction and leaves an audit record.
 */
import { RuleError } from '../../errors.js';
import type { DialectName, Queryable } from '../../db/index.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { once, type Submission } from '../../platform/idempotency/index.js';
import { hasRole } from '../../policy/index.js';
import { findPersonByEmail, rolesOf } from '../people/index.js';
import { codeFromTerm, type OrganisationInput } from './inputs.js';
import { reindexActivity } from './search-store.js';
import { listingIdsOf, touchPublishedListings } from './listings-store.js';
import {
  activityIdsWithTerm,
  deleteTerm,
  findTaxonomy,
  findTerm,
  insertTerm,
  termsOf,
  updateTerm,
} from './taxonomy-store.js';
import {
  addOrganisationMember,
  findOrganisation,
  insertOrganisation,
  removeOrganisationMember,
  updateOrganisation,
  type Organisation,
} from './organisations-store.js';

export async function createOrganisation(
  kith: Kith,
  c: { placeId: string; actorId: string; input: OrganisationInput; submission?: Submission },
): Promise<string> {
  const { result } = await once(kith.db, 'directory.organisation.create', c.submission, async (trx) => {
    const row = await insertOrganisation(trx, c.placeId, c.input);
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.actorId,
      action: 'organisation.created',
      subjectType: 'directory_organisation',
      subjectId: row.id,
      detail: { name: row.name },
    });
    return row.id;
  });
  return result;
}

/**
 * An admin registers an organisation that grew out of something else in Kith (a group
 * becoming an organisation), inside the caller's transaction. The people who ran it
 * become its organisers where they hold the organiser or coordinator role, as
 * addOrganiser requires; the others keep running what they ran.
 */
export async function registerOrganisation(
  trx: Queryable,
  c: { placeId: string; actorId: string; input: OrganisationInput; organiserIds: readonly string[] },
): Promise<string> {
  const row = await insertOrganisation(trx, c.placeId, c.input);
  await recordAudit(trx, {
    placeId: c.placeId,
    actorId: c.actorId,
    action: 'organisation.created',
    subjectType: 'directory_organisation',
    subjectId: row.id,
    detail: { name: row.name },
  });
  for (const personId of c.organiserIds) {
    if (!hasRole({ personId, roles: await rolesOf(trx, personId) }, c.placeId, 'organiser', 'coordinator')) continue;
    await addOrganisationMember(trx, { placeId: c.placeId, organisationId: row.id, personId, addedBy: c.actorId });
  }
  return row.id;
}

/**
 * Writes an organisation's new details inside the caller's transaction (an edit, or a feed
 * imported again). Each listing nests its organisation, so a change to what it shows is a
 * change to them: their last_modified moves, and an aggregator syncing by modified_after
 * sees it. Says whether anything shown changed.
 */
export async function changeOrganisationIn(
  trx: Queryable,
  dialect: DialectName,
  before: Organisation,
  input: OrganisationInput,
): Promise<boolean> {
  const { name, description, kind, email, website, phone, charityNumber, companyNumber } = input;
  const shown = { name, description, email, website, phone, charityNumber, companyNumber };
  const changed = (Object.keys(shown) as Array<keyof typeof shown>).some((k) => (before[k] ?? '') !== (shown[k] ?? ''));
  if (!changed && before.kind === kind) return false;
  await updateOrganisation(trx, before.placeId, before.id, input);
  if (changed) {
    const ids = await listingIdsOf(trx, before.placeId, before.id);
    await touchPublishedListings(trx, before.placeId, ids);
    // The organisation's name is in each listing's search text.
    if (before.name !== name) for (const id of ids) await reindexActivity(trx, dialect, before.placeId, id);
  }
  return true;
}

export async function editOrganisation(
  kith: Kith,
  c: { placeId: string; actorId: string; organisationId: string; input: OrganisationInput },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const before = await findOrganisation(trx, c.placeId, c.organisationId);
    if (!before) throw new RuleError('directory.organisation.notFound');
    await changeOrganisationIn(trx, kith.db.dialect, before, c.input);
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.actorId,
      action: 'organisation.updated',
      subjectType: 'directory_organisation',
      subjectId: c.organisationId,
      detail: { name: c.input.name },
    });
  });
}

/**
 * Adds one of an organisation's people: an organiser (who then edits its listings) or a
 * coordinator (who then runs its volunteering). Only people who hold the organiser or
 * coordinator role here can be added: the role says what they do, this says for whom.
 */
export async function addOrganiser(
  kith: Kith,
  c: { placeId: string; actorId: string; organisationId: string; email: string },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const organisation = await findOrganisation(trx, c.placeId, c.organisationId);
    if (!organisation) throw new RuleError('directory.organisation.notFound');
    const person = await findPersonByEmail(trx, c.email);
    if (!person) throw new RuleError('directory.organisers.noAccount', {}, 'organiserEmail');
    const actor = { personId: person.id, roles: await rolesOf(trx, person.id) };
    if (!hasRole(actor, c.placeId, 'organiser', 'coordinator'))
      throw new RuleError('directory.organisers.notOrganiser', { name: person.name }, 'organiserEmail');
    if (
      await addOrganisationMember(trx, {
        placeId: c.placeId,
        organisationId: c.organisationId,
        personId: person.id,
        addedBy: c.actorId,
      })
    ) {
      await recordAudit(trx, {
        placeId: c.placeId,
        actorId: c.actorId,
        action: 'organiser.added',
        subjectType: 'person',
        subjectId: person.id,
        detail: { organisation: organisation.name },
      });
    }
  });
}

export async function removeOrganiser(
  kith: Kith,
  c: { placeId: string; actorId: string; organisationId: string; personId: string },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const organisation = await findOrganisation(trx, c.placeId, c.organisationId);
    if (!organisation) throw new RuleError('directory.organisation.notFound');
    if (await removeOrganisationMember(trx, c.placeId, c.organisationId, c.personId)) {
      await recordAudit(trx, {
        placeId: c.placeId,
        actorId: c.actorId,
        action: 'organiser.removed',
        subjectType: 'person',
        subjectId: c.personId,
        detail: { organisation: organisation.name },
      });
    }
  });
}

// Taxonomy

export async function addTerm(
  kith: Kith,
  c: {
    placeId: string;
    actorId: string;
    taxonomy: string;
    term: string;
    termCy: string | null;
    description: string | null;
    code?: string;
    submission?: Submission;
  },
): Promise<string> {
  const { result } = await once(kith.db, 'directory.term.add', c.submission, async (trx) => {
    const taxonomy = await findTaxonomy(trx, c.placeId, c.taxonomy);
    if (!taxonomy) throw new RuleError('directory.validation.taxonomy', {}, 'taxonomy');
    const terms = await termsOf(trx, c.placeId);
    const code = c.code ?? codeFromTerm(c.term);
    if (terms.some((t) => t.code === code))
      throw new RuleError('directory.taxonomy.codeTaken', { code }, c.code ? 'code' : 'term');
    const position = terms
      .filter((t) => t.taxonomyId === taxonomy.id)
      .reduce((max, t) => Math.max(max, t.position + 1), 0);
    const row = await insertTerm(trx, {
      placeId: c.placeId,
      taxonomyId: taxonomy.id,
      parentId: null,
      code,
      term: c.term,
      termCy: c.termCy,
      description: c.description ?? '',
      descriptionCy: null,
      position,
    });
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.actorId,
      action: 'term.added',
      subjectType: 'directory_term',
      subjectId: row.id,
      detail: { term: c.term },
    });
    return row.id;
  });
  return result;
}

export async function renameTerm(
  kith: Kith,
  c: {
    placeId: string;
    actorId: string;
    termId: string;
    term: string;
    termCy: string | null;
    description: string | null;
  },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const term = await findTerm(trx, c.placeId, c.termId);
    if (!term) throw new RuleError('directory.taxonomy.notFound');
    await updateTerm(trx, c.placeId, c.termId, { term: c.term, termCy: c.termCy, description: c.description ?? '' });
    // The term's words are in each listing's search text and its feed document: refresh both.
    const affected = await activityIdsWithTerm(trx, c.placeId, c.termId);
    for (const id of affected) await reindexActivity(trx, kith.db.dialect, c.placeId, id);
    await touchPublishedListings(trx, c.placeId, affected);
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.actorId,
      action: 'term.renamed',
      subjectType: 'directory_term',
      subjectId: c.termId,
      detail: { from: term.term, term: c.term },
    });
  });
}

export async function removeTerm(
  kith: Kith,
  input: { placeId: string; actorId: string; termId: string },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const term = await findTerm(trx, input.placeId, input.termId);
    if (!term) throw new RuleError('directory.taxonomy.notFound');
    const affected = await activityIdsWithTerm(trx, input.placeId, input.termId);
    await deleteTerm(trx, input.placeId, input.termId);
    for (const id of affected) await reindexActivity(trx, kith.db.dialect, input.placeId, id);
    await touchPublishedListings(trx, input.placeId, affected);
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: 'term.removed',
      subjectType: 'directory_term',
      subjectId: input.termId,
      detail: { term: term.term },
    });
  });
}
