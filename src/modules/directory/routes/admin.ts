/**
 * Admins' pages: the moderation queue and decisions, organisations and their organisers,
 * and the taxonomy.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import {
  echoValues,
  freshForm,
  parseInput,
  ruleFieldErrors,
  submitForm,
  type FieldErrors,
  type FormState,
} from '../../../web/forms.js';
import { PageQuery, paginationFor } from '../../../web/pagination.js';
import type { Place } from '../../places/index.js';
import { moderateListing } from '../listings.js';
import { loadListings } from '../listings-read-store.js';
import {
  addOrganiser,
  addTerm,
  createOrganisation,
  editOrganisation,
  removeOrganiser,
  removeTerm,
  renameTerm,
} from '../organisations.js';
import { agesText, costText, languageName, schedulesText } from '../present.js';
import { AddOrganiserInput, ModerationDecision, ORGANISATION_KINDS, OrganisationInput, TermInput } from '../inputs.js';
import {
  findOrganisation,
  listOrganisations,
  organisationsByIds,
  organisersOf,
  listingCounts,
  type Organisation,
} from '../organisations-store.js';
import { findTerm, taxonomiesOf, termsOf } from '../taxonomy-store.js';
import { moderationQueue } from '../moderation-store.js';
import { localised } from '../taxonomy.js';
import { pageBasics, directoryPlace } from './context.js';

const PER_PAGE = 50;

/** The organisation form's fields filled from a saved organisation (the registration numbers keep their form names). */
function formValuesOf(o: Organisation): Record<string, unknown> {
  return {
    name: o.name,
    description: o.description,
    kind: o.kind,
    email: o.email,
    website: o.website,
    phone: o.phone,
    charity_number: o.charityNumber,
    company_number: o.companyNumber,
  };
}

export function adminRoutes(app: FastifyInstance, kith: Kith) {
  const db = kith.db.kysely;

  /** An organisation that is not in this place is "not found", as its page would be. */
  async function orNotFound<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (error) {
      if ((error as { key?: string }).key === 'directory.organisation.notFound') throw new NotFoundError();
      throw error;
    }
  }

  // Moderation

  app.get('/places/:place/directory/moderation', async (request, reply) => {
    const place = await directoryPlace(kith, request, 'directoryListings.moderate');
    const parsed = parseInput(PageQuery, request.query);
    const page = parsed.ok ? parsed.value.page : 1;
    const { rows, total } = await moderationQueue(db, place.id, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE });
    const organisations = await organisationsByIds(
      db,
      place.id,
      rows.map((r) => r.organisationId),
    );
    return reply.view('directory/moderation.njk', {
      pageTitle: request.t('directory.moderation.title'),
      ...pageBasics(request, place),
      total,
      rows: rows.map((r) => ({ ...r, organisation: organisations.get(r.organisationId)?.name ?? '' })),
      pagination: paginationFor(request.t, {
        page,
        perPage: PER_PAGE,
        total,
        href: (p) => `/places/${place.slug}/directory/moderation?page=${p}`,
      }),
    });
  });

  async function reviewPage(request: FastifyRequest, reply: FastifyReply, place: Place, form = freshForm()) {
    const [listing] = await loadListings(db, place.id, [(request.params as { id: string }).id]);
    if (!listing) throw new NotFoundError();
    const t = request.t;
    const a = listing.activity;
    return reply.view(
      'directory/review.njk',
      {
        pageTitle: t('directory.review.title', { name: a.name }),
        ...pageBasics(request, place),
        activity: a,
        organisation: listing.organisation,
        stateText: t(`directory.state.${a.state}`),
        when: schedulesText(t, request.lang, listing.schedules),
        locations: listing.locations,
        cost: costText(t, listing.costs),
        ages: agesText(t, a.minimumAge, a.maximumAge),
        languages: listing.languages.map((c) => languageName(t, c)).join(', '),
        terms: listing.attributes.map((x) => localised(request.lang, x.term.term, x.term.termCy)).join(', '),
        values: form.values,
        errors: form.errors,
        decidable: a.state === 'submitted' || a.state === 'published',
      },
      form.status,
    );
  }

  app.get('/places/:place/directory/moderation/:id', async (request, reply) =>
    reviewPage(request, reply, await directoryPlace(kith, request, 'directoryListings.moderate')),
  );

  app.post('/places/:place/directory/moderation/:id', async (request, reply) => {
    const place = await directoryPlace(kith, request, 'directoryListings.moderate');
    return submitForm(request, {
      schema: ModerationDecision,
      show: (form) => reviewPage(request, reply, place, form),
      run: async ({ decision, reason }) => {
        await moderateListing(kith, {
          placeId: place.id,
          activityId: (request.params as { id: string }).id,
          actorId: request.actor.personId!,
          byModerator: true,
          action: decision === 'publish' ? 'publish' : 'requestChanges',
          reason: reason || undefined,
        });
        return decision;
      },
      refusals: (error) => {
        const errors = ruleFieldErrors(error);
        if (!errors && (error as { key?: string }).key === 'directory.listing.notFound') throw new NotFoundError();
        return errors;
      },
      done: (decision) =>
        reply.seeOther(
          `/places/${place.slug}/directory/moderation`,
          decision === 'publish' ? 'directory.flash.published' : 'directory.flash.changesRequested',
        ),
    });
  });

  // Organisations and their organisers

  const kinds = (request: FastifyRequest, chosen?: unknown) =>
    ORGANISATION_KINDS.map((k) => ({ value: k, text: request.t(`directory.kind.${k}`), checked: chosen === k }));

  async function organisationsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    place: Place,
    errors?: FieldErrors,
    status = 200,
  ) {
    const parsed = parseInput(PageQuery, request.query);
    const page = parsed.ok ? parsed.value.page : 1;
    const { rows, total } = await listOrganisations(db, place.id, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE });
    const counts = await listingCounts(
      db,
      place.id,
      rows.map((r) => r.id),
    );
    const values = errors ? echoValues(request.body) : {};
    return reply.view(
      'directory/organisations.njk',
      {
        pageTitle: request.t('directory.organisations.title'),
        ...pageBasics(request, place),
        organisations: rows.map((o) => ({
          ...o,
          kindText: request.t(`directory.kind.${o.kind}`),
          listings: counts.get(o.id) ?? 0,
        })),
        total,
        kinds: kinds(request, values.kind),
        values,
        errors,
        fieldIds: { kind: 'kind' },
        pagination: paginationFor(request.t, {
          page,
          perPage: PER_PAGE,
          total,
          href: (p) => `/places/${place.slug}/directory/organisations?page=${p}`,
        }),
      },
      status,
    );
  }

  app.get('/places/:place/directory/organisations', async (request, reply) =>
    organisationsPage(request, reply, await directoryPlace(kith, request, 'directoryOrganisations.manage')),
  );

  app.post('/places/:place/directory/organisations', async (request, reply) => {
    const place = await directoryPlace(kith, request, 'directoryOrganisations.manage');
    return submitForm(request, {
      schema: OrganisationInput,
      show: (form) => organisationsPage(request, reply, place, form.errors, form.status),
      run: (input, submission) =>
        createOrganisation(kith, { placeId: place.id, actorId: request.actor.personId!, input, submission }),
      done: (id) =>
        reply.seeOther(`/places/${place.slug}/directory/organisations/${id}`, 'directory.flash.organisationCreated'),
    });
  });

  async function organisationPage(
    request: FastifyRequest,
    reply: FastifyReply,
    place: Place,
    errors?: FieldErrors,
    status = 200,
  ) {
    const organisation = await findOrganisation(db, place.id, (request.params as { org: string }).org);
    if (!organisation) throw new NotFoundError();
    const body = (request.body ?? {}) as Record<string, unknown>;
    const organiserForm = 'organiserEmail' in body;
    const values: Record<string, unknown> = errors && !organiserForm ? echoValues(body) : formValuesOf(organisation);
    values.organiserEmail = organiserForm ? body.organiserEmail : '';
    return reply.view(
      'directory/organisation.njk',
      {
        pageTitle: organisation.name,
        ...pageBasics(request, place),
        organisation,
        organisers: await organisersOf(db, place.id, organisation.id),
        kinds: kinds(request, values.kind),
        values,
        errors,
        fieldIds: { kind: 'kind' },
      },
      status,
    );
  }

  app.get('/places/:place/directory/organisations/:org', async (request, reply) =>
    organisationPage(request, reply, await directoryPlace(kith, request, 'directoryOrganisations.manage')),
  );

  app.post('/places/:place/directory/organisations/:org', async (request, reply) => {
    const place = await directoryPlace(kith, request, 'directoryOrganisations.manage');
    const org = (request.params as { org: string }).org;
    return submitForm(request, {
      schema: OrganisationInput,
      show: (form) => organisationPage(request, reply, place, form.errors, form.status),
      run: (input) =>
        orNotFound(
          editOrganisation(kith, { placeId: place.id, actorId: request.actor.personId!, organisationId: org, input }),
        ),
      // Nothing the rules refuse here belongs beside a field: an unknown organisation is "not found".
      refusals: () => undefined,
      done: () =>
        reply.seeOther(`/places/${place.slug}/directory/organisations/${org}`, 'directory.flash.organisationSaved'),
    });
  });

  app.post('/places/:place/directory/organisations/:org/organisers', async (request, reply) => {
    const place = await directoryPlace(kith, request, 'directoryOrganisations.manage');
    const org = (request.params as { org: string }).org;
    return submitForm(request, {
      schema: AddOrganiserInput,
      show: (form) => organisationPage(request, reply, place, form.errors, form.status),
      run: ({ organiserEmail }) =>
        orNotFound(
          addOrganiser(kith, {
            placeId: place.id,
            actorId: request.actor.personId!,
            organisationId: org,
            email: organiserEmail,
          }),
        ),
      done: () =>
        reply.seeOther(`/places/${place.slug}/directory/organisations/${org}`, 'directory.flash.organiserAdded'),
    });
  });

  app.post('/places/:place/directory/organisations/:org/organisers/:person/remove', async (request, reply) => {
    const place = await directoryPlace(kith, request, 'directoryOrganisations.manage');
    const { org, person } = request.params as { org: string; person: string };
    try {
      await removeOrganiser(kith, {
        placeId: place.id,
        actorId: request.actor.personId!,
        organisationId: org,
        personId: person,
      });
    } catch (error) {
      if ((error as { key?: string }).key === 'directory.organisation.notFound') throw new NotFoundError();
      throw error;
    }
    return reply.seeOther(`/places/${place.slug}/directory/organisations/${org}`, 'directory.flash.organiserRemoved');
  });

  // Taxonomy

  async function taxonomyPage(request: FastifyRequest, reply: FastifyReply, place: Place, form = freshForm()) {
    const [taxonomies, terms] = await Promise.all([taxonomiesOf(db, place.id), termsOf(db, place.id)]);
    const { values } = form;
    return reply.view(
      'directory/taxonomy.njk',
      {
        pageTitle: request.t('directory.taxonomy.title'),
        ...pageBasics(request, place),
        vocabularies: taxonomies.map((tax) => ({
          ...tax,
          label: localised(request.lang, tax.name, tax.nameCy),
          terms: terms.filter((t) => t.taxonomyId === tax.id),
          checked: values.taxonomy === tax.key,
        })),
        values,
        errors: form.errors,
        fieldIds: { taxonomy: 'taxonomy' },
      },
      form.status,
    );
  }

  app.get('/places/:place/directory/taxonomy', async (request, reply) =>
    taxonomyPage(request, reply, await directoryPlace(kith, request, 'directoryTaxonomy.manage')),
  );

  app.post('/places/:place/directory/taxonomy', async (request, reply) => {
    const place = await directoryPlace(kith, request, 'directoryTaxonomy.manage');
    return submitForm(request, {
      schema: TermInput,
      show: (form) => taxonomyPage(request, reply, place, form),
      run: (input, submission) =>
        addTerm(kith, { placeId: place.id, actorId: request.actor.personId!, ...input, submission }),
      done: () => reply.seeOther(`/places/${place.slug}/directory/taxonomy`, 'directory.flash.termAdded'),
    });
  });

  async function termPage(request: FastifyRequest, reply: FastifyReply, place: Place, form?: FormState) {
    const term = await findTerm(db, place.id, (request.params as { term: string }).term);
    if (!term) throw new NotFoundError();
    const { values, errors, status } =
      form ?? freshForm({ term: term.term, termCy: term.termCy ?? '', description: term.description });
    return reply.view(
      'directory/term.njk',
      {
        pageTitle: request.t('directory.term.title', { term: term.term }),
        ...pageBasics(request, place),
        term,
        values,
        errors,
      },
      status,
    );
  }

  app.get('/places/:place/directory/taxonomy/:term', async (request, reply) =>
    termPage(request, reply, await directoryPlace(kith, request, 'directoryTaxonomy.manage')),
  );

  app.post('/places/:place/directory/taxonomy/:term', async (request, reply) => {
    const place = await directoryPlace(kith, request, 'directoryTaxonomy.manage');
    const termId = (request.params as { term: string }).term;
    return submitForm(request, {
      schema: TermInput.omit({ taxonomy: true, code: true }),
      show: (form) => termPage(request, reply, place, form),
      run: (input) => renameTerm(kith, { placeId: place.id, actorId: request.actor.personId!, termId, ...input }),
      // Renaming refuses nothing beside a field: a term that is not here is "not found".
      refusals: (error) => {
        if ((error as { key?: string }).key === 'directory.taxonomy.notFound') throw new NotFoundError();
        return undefined;
      },
      done: () => reply.seeOther(`/places/${place.slug}/directory/taxonomy`, 'directory.flash.termSaved'),
    });
  });

  app.post('/places/:place/directory/taxonomy/:term/remove', async (request, reply) => {
    const place = await directoryPlace(kith, request, 'directoryTaxonomy.manage');
    try {
      await removeTerm(kith, {
        placeId: place.id,
        actorId: request.actor.personId!,
        termId: (request.params as { term: string }).term,
      });
    } catch (error) {
      if ((error as { key?: string }).key === 'directory.taxonomy.notFound') throw new NotFoundError();
      throw error;
    }
    return reply.seeOther(`/places/${place.slug}/directory/taxonomy`, 'directory.flash.termRemoved');
  });
}
