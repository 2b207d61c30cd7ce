/**
 * The library's commands: each one change, in one transaction, once per submission,
 * audited. Routes and the command line call these; nothing else writes the tables.
 */
import type { Submission } from '../../platform/idempotency/index.js';
import { once } from '../../platform/idempotency/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import { NotFoundError, RuleError } from '../../errors.js';
import type { Kith } from '../../kith.js';
import type { DialectName, Queryable } from '../../db/index.js';
import { SHIPPED_TERMS } from './glossary-terms.js';
import { SEED_CASES } from './seed-cases.js';
import { CaseInput, type CaseFields, type TermFields } from './inputs.js';
import {
  findTerm,
  insertCase,
  insertFollowUp,
  insertTerm,
  isSeeded,
  lockCase,
  markSeeded,
  reviseCase,
  setModeration,
  findFollowUp,
  hideFollowUp as hideFollowUpRow,
  updateTerm,
} from './store.js';

/** Gives a place the shipped glossary and the seeds' case studies, once; later calls cost one lookup. */
export async function ensureLibrary(kith: Kith, placeId: string): Promise<void> {
  if (await isSeeded(kith.db.kysely, placeId)) return;
  await kith.db.transaction(async (trx) => {
    if (!(await markSeeded(trx, placeId))) return;
    await seedInto(trx, kith.db.dialect, placeId);
  });
}

async function seedInto(db: Queryable, dialect: DialectName, placeId: string) {
  for (const t of SHIPPED_TERMS) {
    await insertTerm(db, placeId, { ...t, related: t.related.join(',') }, true, null);
  }
  for (const c of SEED_CASES) {
    await insertCase(db, dialect, {
      placeId,
      fields: CaseInput.parse(c.fields),
      status: 'published',
      origin: 'seed',
      originKey: `seed:${c.key}`,
      submittedBy: null,
    });
  }
}

export async function addTerm(
  kith: Kith,
  input: { placeId: string; actorId: string; fields: TermFields; submission?: Submission },
): Promise<string> {
  const { result } = await once(kith.db, 'library.term.add', input.submission, async (trx) => {
    const added = await insertTerm(trx, input.placeId, { ...input.fields, source: '' }, false, input.actorId);
    if (!added) throw new RuleError('library.term.exists', { key: input.fields.key }, 'key');
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: 'libraryTerm.added',
      subjectType: 'library_term',
      subjectId: input.fields.key,
    });
    return input.fields.key;
  });
  return result;
}

export async function changeTerm(
  kith: Kith,
  input: { placeId: string; actorId: string; key: string; fields: Omit<TermFields, 'key'> },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    if (!(await findTerm(trx, input.placeId, input.key))) throw new NotFoundError();
    await updateTerm(trx, input.placeId, input.key, input.fields, input.actorId);
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: 'libraryTerm.changed',
      subjectType: 'library_term',
      subjectId: input.key,
    });
  });
}

/** An organiser's or officer's case, waiting for an admin (an admin's own is published at once). */
export async function submitCase(
  kith: Kith,
  input: { placeId: string; actorId: string; fields: CaseFields; publish: boolean; submission?: Submission },
): Promise<string> {
  const { result } = await once(kith.db, 'library.case.submit', input.submission, async (trx) => {
    const id = (await insertCase(trx, kith.db.dialect, {
      placeId: input.placeId,
      fields: input.fields,
      status: input.publish ? 'published' : 'submitted',
      origin: 'submitted',
      originKey: null,
      submittedBy: input.actorId,
    }))!;
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: input.publish ? 'libraryCase.published' : 'libraryCase.submitted',
      subjectType: 'library_case',
      subjectId: id,
    });
    return id;
  });
  return result;
}

/**
 * A change to a case keeps the version before it. A submitter's change goes to the
 * admins again (the library shows only what an admin has let through, so a published
 * case waits for review after its author changes it); an admin's change stands.
 */
export async function editCase(
  kith: Kith,
  input: { placeId: string; actorId: string; caseId: string; fields: CaseFields; byAdmin: boolean; note: string },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const current = await lockCase(trx, kith.db.dialect, input.placeId, input.caseId);
    if (!current) throw new NotFoundError();
    const status = input.byAdmin ? (current.status === 'draft' ? 'submitted' : current.status) : 'submitted';
    await reviseCase(trx, kith.db.dialect, current, input.fields, input.actorId, input.note, status);
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: 'libraryCase.edited',
      subjectType: 'library_case',
      subjectId: input.caseId,
      detail: { version: current.version + 1 },
    });
  });
}

/** Publish or reject, with a reason (required to reject); the moderated state is kept as a version too. */
export async function moderateCase(
  kith: Kith,
  input: { placeId: string; actorId: string; caseId: string; decision: 'publish' | 'reject'; reason: string },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const current = await lockCase(trx, kith.db.dialect, input.placeId, input.caseId);
    if (!current) throw new NotFoundError();
    const status = input.decision === 'publish' ? 'published' : 'rejected';
    if (current.status === status) return;
    await setModeration(trx, kith.db.dialect, current, status, input.actorId, input.reason);
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: `library.case.${input.decision}`,
      subjectType: 'library_case',
      subjectId: input.caseId,
      detail: { reason: input.reason },
    });
  });
}

export async function addFollowUp(
  kith: Kith,
  input: {
    placeId: string;
    actorId: string;
    caseId: string;
    location: string;
    whatHappened: string;
    whatDifferently: string;
    submission?: Submission;
  },
): Promise<string> {
  const { result } = await once(kith.db, 'library.followUp.add', input.submission, async (trx) => {
    const current = await lockCase(trx, kith.db.dialect, input.placeId, input.caseId);
    if (!current || current.status !== 'published') throw new NotFoundError();
    const id = await insertFollowUp(trx, { ...input, personId: input.actorId });
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: 'libraryFollowUp.added',
      subjectType: 'library_case',
      subjectId: input.caseId,
    });
    return id;
  });
  return result;
}

export async function hideFollowUp(
  kith: Kith,
  input: { placeId: string; actorId: string; followUpId: string; reason: string },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const f = await findFollowUp(trx, input.placeId, input.followUpId);
    if (!f) throw new NotFoundError();
    await hideFollowUpRow(trx, f.id, input.reason);
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: 'libraryFollowUp.hidden',
      subjectType: 'library_case',
      subjectId: f.caseId,
      detail: { reason: input.reason },
    });
  });
}

/**
 * What another module calls when someone answers "what would you do differently?" on
 * closing a grant, a participatory process, a befriending scheme or a volunteering
 * role: the answer becomes a draft case study that only they (and the place's admins)
 * see, ready for them to complete and send for review. Returns the draft's address.
 */
export async function draftCaseFromAnswer(
  kith: Kith,
  input: {
    placeId: string;
    placeSlug: string;
    personId: string;
    /** What it was: "Grant: Hebden lunch club 2026". */
    title: string;
    /** What would you do differently? */
    whatDifferently: string;
    /** What was tried, as the module knows it (the grant's purpose, the role's description). */
    tried?: string;
    whatWorked?: string;
    typologies?: CaseFields['typologies'];
    location?: string;
    /** Which part of Kith it came from, said in the case's source: "grants", "befriending". */
    from: string;
    submission?: Submission;
  },
): Promise<{ caseId: string; href: string }> {
  const { result } = await once(kith.db, 'library.case.draft', input.submission, async (trx) => {
    const fields: CaseFields = {
      title: input.title.slice(0, 160) || input.from,
      location: (input.location ?? '').slice(0, 160),
      area: 'uk-wide',
      typologies: input.typologies ?? [],
      summary: '',
      tried: input.tried ?? '',
      whoTookPart: '',
      whatWorked: input.whatWorked ?? '',
      whatDidNot: input.whatDifferently,
      costBand: 'unknown',
      cost: '',
      evidenceLevel: 1,
      outcomes: '',
      outcomeTags: [],
      contacts: '',
      started: '',
      ended: '',
      links: '',
      source: input.from,
    };
    const id = (await insertCase(trx, kith.db.dialect, {
      placeId: input.placeId,
      fields,
      status: 'draft',
      origin: 'submitted',
      originKey: null,
      submittedBy: input.personId,
    }))!;
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.personId,
      action: 'libraryCase.drafted',
      subjectType: 'library_case',
      subjectId: id,
      detail: { from: input.from },
    });
    return id;
  });
  return { caseId: result, href: `/places/${input.placeSlug}/library/cases/${result}/edit` };
}
