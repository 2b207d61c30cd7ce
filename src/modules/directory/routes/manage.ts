/**
 * Organisers' pages: their organisations' listings, writing and changing a listing,
 * sending it to be checked, and confirming it is still right.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { ruleFieldErrors, submitForm, type FieldErrors } from '../../../web/forms.js';
import { explainerFor } from '../../library/index.js';
import type { Place } from '../../places/index.js';
import { createListing, moderateListing, updateListing } from '../listings.js';
import { loadListings, taxonomyIndex, type Listing } from '../listings-read-store.js';
import { LANGUAGES, ListingForm, listingFromForm } from '../inputs.js';
import { parseByday } from '../schedules.js';
import { findOrganisation, listOrganisations, organisationIdsOf } from '../organisations-store.js';
import { listingsOfOrganisations } from '../listings-store.js';
import { moderationQueue } from '../moderation-store.js';
import { localised } from '../taxonomy.js';
import { languageName } from '../present.js';
import { canManage, manageableListing, moderator, pageBasics, directoryPlace } from './context.js';
import { WEEKDAYS, todayInPlace } from '../../../platform/dates.js';

/** The form's fields filled from a saved listing. */
export function formValuesOf(listing: Listing): Record<string, unknown> {
  const a = listing.activity;
  const location = listing.locations[0];
  const schedule = listing.schedules[0];
  const cost = listing.costs[0];
  const byday = schedule?.byday ? parseByday(schedule.byday)[0] : undefined;
  const [year, month, day] = (schedule?.freq === null ? (schedule.dtstart ?? '') : '').split('-');
  return {
    name: a.name,
    description: a.description,
    howToJoin: a.howToJoin,
    whoFor: a.whoFor,
    url: a.url ?? '',
    email: a.email ?? '',
    phone: a.phone ?? '',
    minimumAge: a.minimumAge ?? '',
    maximumAge: a.maximumAge ?? '',
    cost: cost?.kind ?? '',
    costAmount: cost?.amountPence != null ? (cost.amountPence / 100).toFixed(2) : '',
    costDescription: cost?.amountDescription ?? '',
    locationName: location?.name ?? '',
    address1: location?.address1 ?? '',
    city: location?.city ?? '',
    postcode: location?.postcode ?? '',
    accessibility: location?.accessibility ?? '',
    frequency: !schedule
      ? ''
      : schedule.freq === null
        ? 'once'
        : schedule.freq === 'MONTHLY'
          ? 'monthly'
          : schedule.interval === 2
            ? 'fortnightly'
            : 'weekly',
    day: byday?.day ?? '',
    week: byday?.nth != null ? String(byday.nth) : '',
    dateDay: day ?? '',
    dateMonth: month ?? '',
    dateYear: year ?? '',
    opensAt: schedule?.opensAt ?? '',
    closesAt: schedule?.closesAt ?? '',
    languages: listing.languages,
    terms: listing.attributes.map((x) => x.term.id),
    contactName: listing.contacts[0]?.name ?? '',
  };
}

export function manageRoutes(app: FastifyInstance, kith: Kith) {
  app.get('/places/:place/directory', async (request, reply) => {
    const place = await directoryPlace(kith, request, 'directoryListings.own');
    const isAdmin = moderator(request, place.id);
    const organisationIds = isAdmin
      ? undefined
      : await organisationIdsOf(kith.db.kysely, place.id, request.actor.personId!);
    const { rows: organisations } = await listOrganisations(kith.db.kysely, place.id, {
      limit: 200,
      offset: 0,
      ids: organisationIds,
    });
    const listings = await listingsOfOrganisations(
      kith.db.kysely,
      place.id,
      organisations.map((o) => o.id),
    );
    const queue = isAdmin ? (await moderationQueue(kith.db.kysely, place.id, { limit: 1, offset: 0 })).total : 0;
    return reply.view('directory/manage.njk', {
      pageTitle: request.t('directory.manage.title'),
      ...pageBasics(request, place),
      isAdmin,
      queue,
      organisations: organisations.map((o) => ({
        ...o,
        listings: listings
          .filter((l) => l.organisationId === o.id)
          .map((l) => ({
            ...l,
            stateText: request.t(`directory.state.${l.state}`),
            stateClass: STATE_CLASSES[l.state],
          })),
      })),
    });
  });

  async function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    place: Place,
    form: {
      action: string;
      title: string;
      organisationName: string;
      values: Record<string, unknown>;
      errors?: FieldErrors;
      status?: number;
      listing?: Listing;
    },
  ) {
    const [index, explainer] = await Promise.all([
      taxonomyIndex(kith.db.kysely, place.id),
      explainerFor(kith, request, place),
    ]);
    const chosen = new Set((form.values.terms as string[] | string | undefined) ? [form.values.terms].flat() : []);
    const chosenLanguages = new Set([form.values.languages ?? []].flat() as string[]);
    const t = request.t;
    const a = form.listing?.activity;
    return reply.view(
      'directory/listing-form.njk',
      {
        pageTitle: form.title,
        ...pageBasics(request, place),
        action: form.action,
        organisationName: form.organisationName,
        values: form.values,
        errors: form.errors,
        fieldIds: { date: 'dateDay', terms: 'terms', languages: 'languages', cost: 'cost', frequency: 'frequency' },
        listing: a && {
          id: a.id,
          state: a.state,
          stateText: t(`directory.state.${a.state}`),
          stateClass: STATE_CLASSES[a.state],
          reason: a.moderationReason,
          lastChecked: a.lastCheckedAt,
          canSubmit: a.state === 'draft' || a.state === 'changes_requested',
          canConfirm: a.state === 'published',
          viewHref: `/places/${place.slug}/activities/${a.id}`,
        },
        days: [
          { value: '', text: t('directory.form.chooseDay') },
          ...WEEKDAYS.map((d) => ({ value: d, text: t(`directory.day.${d}`), selected: form.values.day === d })),
        ],
        weeks: [
          { value: '', text: t('directory.form.chooseWeek') },
          ...['1', '2', '3', '4', '-1'].map((w) => ({
            value: w,
            text: t(`directory.week.${w}`),
            selected: String(form.values.week) === w,
          })),
        ],
        languages: LANGUAGES.map((code) => ({
          value: code,
          text: languageName(t, code),
          checked: chosenLanguages.has(code),
        })),
        vocabularies: [...index.taxonomies.values()].map((tax) => ({
          name: localised(request.lang, tax.name, tax.nameCy),
          items: [...index.terms.values()]
            .filter((term) => term.taxonomyId === tax.id)
            .map((term) => ({
              value: term.id,
              text: localised(request.lang, term.term, term.termCy),
              checked: chosen.has(term.id),
              // The typology's words are the toolkit's jargon: the form says what each means, as the filter does.
              hint:
                tax.key === 'social-action' && explainer.has(term.code)
                  ? { html: explainer.first(term.code) }
                  : undefined,
            })),
        })),
      },
      form.status ?? 200,
    );
  }

  async function organisationFor(request: FastifyRequest, place: Place) {
    const organisation = await findOrganisation(kith.db.kysely, place.id, (request.params as { org: string }).org);
    if (!organisation) {
      kith.policy.authorize(request.actor, 'directoryListings.own', place);
      throw new NotFoundError();
    }
    if (!(await canManage(kith, request, place.id, organisation.id)))
      kith.policy.authorize(request.actor, 'directoryListings.manage', { placeId: place.id, isMember: false });
    return organisation;
  }

  app.get('/places/:place/directory/organisations/:org/activities/new', async (request, reply) => {
    const place = await directoryPlace(kith, request);
    const organisation = await organisationFor(request, place);
    return showForm(request, reply, place, {
      action: `/places/${place.slug}/directory/organisations/${organisation.id}/activities/new`,
      title: request.t('directory.form.newTitle'),
      organisationName: organisation.name,
      values: { cost: 'free', frequency: 'weekly', languages: ['en'] },
    });
  });

  app.post('/places/:place/directory/organisations/:org/activities/new', async (request, reply) => {
    const place = await directoryPlace(kith, request);
    const organisation = await organisationFor(request, place);
    return submitForm(request, {
      schema: ListingForm,
      show: (form) =>
        showForm(request, reply, place, {
          action: `/places/${place.slug}/directory/organisations/${organisation.id}/activities/new`,
          title: request.t('directory.form.newTitle'),
          organisationName: organisation.name,
          ...form,
        }),
      run: (input, submission) =>
        createListing(kith, {
          placeId: place.id,
          organisationId: organisation.id,
          actorId: request.actor.personId!,
          input: listingFromForm(input, todayInPlace()),
          submission,
        }),
      done: (id) => reply.seeOther(`/places/${place.slug}/directory/activities/${id}/edit`, 'directory.flash.created'),
    });
  });

  async function editPage(
    request: FastifyRequest,
    reply: FastifyReply,
    place: Place,
    values?: Record<string, unknown>,
    errors?: FieldErrors,
    status = 200,
  ) {
    const activity = await manageableListing(kith, request, place, (request.params as { id: string }).id);
    const [listing] = await loadListings(kith.db.kysely, place.id, [activity.id]);
    return showForm(request, reply, place, {
      action: `/places/${place.slug}/directory/activities/${activity.id}/edit`,
      title: request.t('directory.form.editTitle', { name: activity.name }),
      organisationName: listing!.organisation.name,
      values: values ?? formValuesOf(listing!),
      errors,
      status,
      listing,
    });
  }

  app.get('/places/:place/directory/activities/:id/edit', async (request, reply) =>
    editPage(request, reply, await directoryPlace(kith, request)),
  );

  app.post('/places/:place/directory/activities/:id/edit', async (request, reply) => {
    const place = await directoryPlace(kith, request);
    const activity = await manageableListing(kith, request, place, (request.params as { id: string }).id);
    const byModerator = moderator(request, place.id);
    return submitForm(request, {
      schema: ListingForm,
      show: (form) => editPage(request, reply, place, form.values, form.errors, form.status),
      run: (input) =>
        updateListing(kith, {
          placeId: place.id,
          activityId: activity.id,
          actorId: request.actor.personId!,
          byModerator,
          input: listingFromForm(input, todayInPlace()),
        }),
      done: () =>
        reply.seeOther(
          `/places/${place.slug}/directory/activities/${activity.id}/edit`,
          activity.state === 'published' && !byModerator ? 'directory.flash.savedForChecking' : 'directory.flash.saved',
        ),
    });
  });

  for (const [path, action, flash] of [
    ['submit', 'submit', 'directory.flash.submitted'],
    ['confirm', 'confirm', 'directory.flash.confirmed'],
  ] as const) {
    app.post(`/places/:place/directory/activities/:id/${path}`, async (request, reply) => {
      const place = await directoryPlace(kith, request);
      const activity = await manageableListing(kith, request, place, (request.params as { id: string }).id);
      try {
        await moderateListing(kith, {
          placeId: place.id,
          activityId: activity.id,
          actorId: request.actor.personId!,
          byModerator: moderator(request, place.id),
          action,
        });
      } catch (error) {
        if (ruleFieldErrors(error))
          return reply.seeOther(
            `/places/${place.slug}/directory/activities/${activity.id}/edit`,
            (error as { key: string }).key,
          );
        throw error;
      }
      return reply.seeOther(`/places/${place.slug}/directory/activities/${activity.id}/edit`, flash);
    });
  }
}

export const STATE_CLASSES: Record<string, string> = {
  draft: 'govuk-tag--grey',
  submitted: 'govuk-tag--blue',
  published: 'govuk-tag--green',
  changes_requested: 'govuk-tag--orange',
};
