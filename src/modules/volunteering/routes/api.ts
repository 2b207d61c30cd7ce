/**
 * Volunteering as open data: a place's open roles and their shifts, read-only, at
 * /api/places/<place>/volunteering. Like the directory's Open Referral UK feed it needs
 * no key and every answer (errors too) carries Access-Control-Allow-Origin: *. It says
 * what a role needs and how many places are free, never who has signed up.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { weekdayParameter } from '../../../web/fields.js';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { sendProblem, validationProblem } from '../../../web/problem.js';
import { organisationSummariesByIds, pointForPostcode } from '../../directory/index.js';
import type { Place } from '../../places/index.js';
import { placeContext } from '../../../web/place.js';
import { parseRequirements } from '../requirements.js';
import { bitsOf, INTERESTS, listOf } from '../inputs.js';
import { findOpportunity, heldBySlot, shiftsOf, type Opportunity } from '../store.js';
import { daysMask, daysOf, timesOf } from '../times.js';
import { findOpportunities, searchWords } from '../search.js';

/** The most roles one page holds. */
export const API_PAGE_SIZE = 20;
/** How many pages deep the list goes (each page is searched from the first). */
export const API_MAX_PAGE = 50;
export const API_MAX_MILES = 50;

const PlaceParams = z.object({ place: z.string().max(60) });
const IdParams = PlaceParams.extend({ id: z.string().max(64) });

const OpportunitiesQuery = z
  .object({
    q: z
      .string()
      .max(200, 'volunteering.api.q')
      .optional()
      .describe('Words in the role’s title, description, skills or organisation'),
    interest: z.enum(INTERESTS, { error: 'volunteering.api.interest' }).optional().describe('One area of interest'),
    postcode: z
      .string()
      .max(12, 'volunteering.api.postcode')
      .optional()
      .describe('Roles within `miles` of this postcode (and roles done from home)'),
    miles: z.coerce
      .number({ error: 'volunteering.api.miles' })
      .positive('volunteering.api.miles')
      .max(API_MAX_MILES, 'volunteering.api.miles')
      .optional()
      .describe(`Distance from the postcode, up to ${API_MAX_MILES}; 5 if not given`),
    day: weekdayParameter('volunteering.api.day').describe('MO–SU or Monday–Sunday'),
    page: z.coerce
      .number({ error: 'volunteering.api.page' })
      .int('volunteering.api.page')
      .min(1, 'volunteering.api.page')
      .max(API_MAX_PAGE, 'volunteering.api.page')
      .default(1),
  })
  .refine((v) => v.miles === undefined || !!v.postcode?.trim(), {
    message: 'volunteering.api.milesWithoutPostcode',
    path: ['miles'],
  });

const Summary = z.object({
  id: z.string(),
  title: z.string(),
  organisation: z.object({ id: z.string(), name: z.string() }),
  description: z.string(),
  interests: z.array(z.string()),
  commitment: z.string(),
  participation: z.enum(['shifts', 'flexible']),
  remote: z.boolean(),
  postcode: z.string().optional(),
  miles: z.number().optional().describe('From the postcode searched near, to one decimal place'),
  days: z.array(z.string()),
  times: z.array(z.string()),
  requirements: z.array(z.string()),
  minimum_age: z.number().int().optional(),
  url: z.string(),
  updated_at: z.string(),
});

const Detail = Summary.omit({ miles: true }).extend({
  skills: z.string(),
  time_commitment: z.string(),
  accessibility: z.string(),
  shifts: z.array(
    z.object({
      id: z.string(),
      starts_at: z.string(),
      ends_at: z.string(),
      places: z.number().int(),
      free: z.number().int(),
    }),
  ),
});

const Page = z.object({
  page: z.number().int(),
  page_size: z.number().int(),
  has_more: z.boolean(),
  items: z.array(Summary),
});

const TAG = 'Volunteering';

export function apiRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  app.addHook('onSend', async (request, reply) => {
    if (/^\/api\/places\/[^/]+\/volunteering\//.test(request.url)) reply.header('access-control-allow-origin', '*');
  });

  async function placeFor(request: FastifyRequest): Promise<Place> {
    return (await placeContext(kith, request, { section: 'volunteering' })).place;
  }

  const pageUrl = (place: Place, id: string) =>
    `${kith.config.publicUrl}/places/${place.slug}/volunteering/opportunities/${id}`;

  function summary(place: Place, o: Opportunity, organisationName: string) {
    return {
      id: o.id,
      title: o.title,
      organisation: { id: o.organisationId, name: organisationName },
      description: o.description,
      interests: listOf(INTERESTS, o.interests),
      commitment: o.commitment,
      participation: o.participation,
      remote: o.remote,
      ...(o.postcode ? { postcode: o.postcode } : {}),
      days: daysOf(o.days),
      times: timesOf(o.times),
      requirements: parseRequirements(o.requirements),
      ...(o.minimumAge !== null ? { minimum_age: o.minimumAge } : {}),
      url: pageUrl(place, o.id),
      updated_at: o.updatedAt,
    };
  }

  app.api.define(app, {
    method: 'GET',
    url: '/api/places/:place/volunteering/opportunities',
    tag: TAG,
    summary: 'Open volunteering roles in a place, newest first, a page at a time',
    description: `Filters: q (words), interest (${INTERESTS.join(', ')}), postcode with miles (default 5, at most ${API_MAX_MILES}), day (MO–SU or Monday–Sunday). ${API_PAGE_SIZE} roles a page; page from 1 to ${API_MAX_PAGE}; has_more says whether another page follows.`,
    params: PlaceParams,
    query: OpportunitiesQuery,
    errors: [404],
    response: { status: 200, description: 'A page of open roles', schema: Page },
    handler: async ({ query }, request, reply) => {
      const place = await placeFor(request);
      let near = null;
      if (query.postcode?.trim()) {
        near = (await pointForPostcode(db(), query.postcode)) ?? null;
        if (!near)
          return sendProblem(
            reply,
            validationProblem(request.t, { postcode: { key: 'volunteering.validation.postcode.unknown' } }),
          );
      }
      const upTo = query.page * API_PAGE_SIZE;
      const found = await findOpportunities(
        kith,
        place.id,
        {
          words: searchWords(query.q ?? ''),
          interests: query.interest ? bitsOf(INTERESTS, [query.interest]) : 0,
          days: query.day ? daysMask([query.day]) : 0,
          times: 0,
          commitment: null,
          remoteOnly: false,
          near,
          miles: query.miles ?? 5,
        },
        upTo + 1,
      );
      const items = found.slice(upTo - API_PAGE_SIZE, upTo);
      const names = await organisationSummariesByIds(
        db(),
        place.id,
        items.map((o) => o.organisationId),
      );
      return {
        page: query.page,
        page_size: API_PAGE_SIZE,
        has_more: found.length > upTo,
        items: items.map((o) => ({
          ...summary(place, o, names.get(o.organisationId)?.name ?? ''),
          ...(o.miles !== null ? { miles: Math.round(o.miles * 10) / 10 } : {}),
        })),
      };
    },
  });

  app.api.define(app, {
    method: 'GET',
    url: '/api/places/:place/volunteering/opportunities/:id',
    tag: TAG,
    summary: 'One open volunteering role: what it needs, and its shifts still to come with their free places',
    description: 'Cancelled shifts are left out. A draft or closed role answers 404, as an unknown one does.',
    params: IdParams,
    errors: [404],
    response: { status: 200, description: 'The role', schema: Detail },
    handler: async ({ params }, request) => {
      const place = await placeFor(request);
      const o = await findOpportunity(db(), params.id);
      if (!o || o.placeId !== place.id || o.status !== 'open') throw new NotFoundError();
      const organisation = (await organisationSummariesByIds(db(), place.id, [o.organisationId])).get(o.organisationId);
      const now = new Date().toISOString();
      const shifts =
        o.participation === 'shifts' ? (await shiftsOf(db(), o.id, now)).filter((s) => s.startsAt > now) : [];
      const held = await heldBySlot(
        db(),
        shifts.map((s) => s.id),
      );
      const { url, updated_at, ...rest } = summary(place, o, organisation?.name ?? '');
      return {
        ...rest,
        skills: o.skills,
        time_commitment: o.timeCommitment,
        accessibility: o.accessibility,
        url,
        updated_at,
        shifts: shifts.map((s) => ({
          id: s.id,
          starts_at: s.startsAt,
          ends_at: s.endsAt,
          places: s.places,
          free: Math.max(0, s.places - (held.get(s.id) ?? 0)),
        })),
      };
    },
  });
}
