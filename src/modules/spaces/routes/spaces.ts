import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import {
  addDays,
  formatDate,
  isIsoDate,
  longDate,
  placeTimeToUtc,
  todayInPlace,
  WEEKDAYS,
} from '../../../platform/dates.js';
import { freshForm, parseInput, submitForm, type FormState } from '../../../web/forms.js';
import { placeContext, viewInPlace, type PlaceContext } from '../../../web/place.js';
import {
  DISTANCES_MILES,
  locationSummaries,
  organisationSummaries,
  organisationSummariesByIds,
  pointForPostcode,
} from '../../directory/index.js';
import { findSpaces, hasTime } from '../finder.js';
import { FindQuery, SpaceInput } from '../inputs.js';
import { ACCESSIBILITY, FACILITIES, hoursOf, minuteOf, mondayOf, pounds, spanOf, TIERS } from '../rules.js';
import { editSpace, listSpace } from '../spaces.js';
import { findSpace, lapseHolds, liveBookingsBetween, type Space } from '../store.js';
import { listerOf, presentSpace, spaceFormItems, spaceValues, subjectOf } from './context.js';

const DEFAULTS = {
  capacity: '30',
  openDays: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA'],
  opensAt: '09:00',
  closesAt: '22:00',
  minNoticeHours: '48',
  maxAheadDays: '365',
  turnaroundMinutes: '30',
  approval: 'owner',
  holdHours: '72',
};

export function spaceRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  async function spaceIn(ctx: PlaceContext, id: string): Promise<Space> {
    const space = await findSpace(db(), ctx.place.id, id);
    if (!space) throw new NotFoundError();
    return space;
  }

  app.get('/places/:place/spaces', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'spaces', action: 'spaces.find' });
    const parsed = parseInput(FindQuery, request.query);
    const query = parsed.ok ? parsed.value : ({ accessibility: [], facilities: [] } as unknown as FindQuery);
    const tier = query.tier ?? 'resident';
    const when = hasTime(query) ? query : null;
    if (when) await lapseHolds(db(), new Date());
    // Near a postcode: one the postcode table knows, or the error beside the field (and no results).
    const miles = (DISTANCES_MILES as readonly number[]).includes(query.distance ?? 0) ? query.distance! : 2;
    const point = query.postcode ? await pointForPostcode(db(), query.postcode) : undefined;
    const postcodeError = !!query.postcode && !point;
    const priced = postcodeError
      ? []
      : await findSpaces(db(), ctx.place.id, query, tier, point ? { point, miles } : undefined);
    const locations = new Map(
      (await locationSummaries(db(), ctx.place.id, [...new Set(priced.map((p) => p.space.locationId))])).map((l) => [
        l.id,
        l,
      ]),
    );
    const values = request.query as Record<string, unknown>;
    const items = spaceFormItems(request.t, values);
    return viewInPlace(
      reply,
      ctx,
      'spaces/find.njk',
      {
        pageTitle: request.t('spaces.find.title'),
        query,
        values,
        when,
        results: priced.map(({ space, pricePence: price, miles }) => ({
          ...presentSpace(request.t, space, locations.get(space.locationId)?.name ?? ''),
          priceText: request.t(when ? 'spaces.find.priceFor' : 'spaces.find.pricePerHour', {
            price: pounds(price),
            tier: request.t(`spaces.tier.${tier}`),
          }),
          href: `${ctx.base}/${space.id}${when ? `?week=${when.date}` : ''}`,
          milesText: miles === null ? '' : request.t('spaces.find.miles', { miles: miles.toFixed(1) }),
          meanwhileText: space.licenceFrom
            ? request.t('spaces.meanwhile.until', { until: longDate(space.licenceUntil!, request.lang) })
            : '',
        })),
        distanceItems: DISTANCES_MILES.map((d) => ({
          value: String(d),
          text: request.t('spaces.find.withinMiles', { count: d }),
          selected: d === miles,
        })),
        errors: postcodeError ? { postcode: { key: 'spaces.validation.postcode' } } : undefined,
        accessibilityItems: items.accessibility,
        facilityItems: items.facilities,
        tierItems: TIERS.map((v) => ({ value: v, text: request.t(`spaces.tier.${v}`), selected: v === tier })),
        canList: kith.policy.can(request.actor, 'spaces.list', ctx.place),
        canBook: kith.policy.can(request.actor, 'spaces.book', ctx.place),
        ACCESSIBILITY,
        FACILITIES,
      },
      postcodeError ? 400 : 200,
    );
  });

  async function showSpaceForm(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    space: Space | null,
    form: FormState,
  ) {
    const lister = await listerOf(kith, request, ctx.place.id);
    const [locations, organisations] = await Promise.all([
      locationSummaries(db(), ctx.place.id),
      lister.mayListForNone
        ? organisationSummaries(db(), ctx.place.id)
        : organisationSummariesByIds(db(), ctx.place.id, lister.organisationIds).then((m) => [...m.values()]),
    ]);
    return viewInPlace(
      reply,
      ctx,
      'spaces/space-form.njk',
      {
        pageTitle: request.t(space ? 'spaces.form.editTitle' : 'spaces.form.title'),
        space,
        values: form.values,
        errors: form.errors,
        locations: [
          { value: '', text: request.t('spaces.form.chooseLocation') },
          ...locations.map((l) => ({
            value: l.id,
            text: `${l.name}${l.postcode ? ` (${l.postcode})` : ''}`,
            selected: l.id === form.values.locationId,
          })),
        ],
        organisations: [
          {
            value: '',
            text: request.t(lister.mayListForNone ? 'spaces.form.noOrganisation' : 'spaces.form.chooseOrganisation'),
          },
          ...organisations.map((o) => ({ value: o.id, text: o.name, selected: o.id === form.values.organisationId })),
        ],
        ...spaceFormItems(request.t, form.values),
        fieldIds: {
          layouts: 'layouts',
          accessibility: 'accessibility',
          facilities: 'facilities',
          openDays: 'openDays',
          approval: 'approval',
        },
      },
      form.status,
    );
  }

  app.get('/places/:place/spaces/new', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'spaces', action: 'spaces.list' });
    // Another page may start the form for a building: a handed-over asset names its group and itself.
    const given = request.query as { organisationId?: unknown; name?: unknown };
    const start = {
      ...DEFAULTS,
      ...(typeof given.organisationId === 'string' ? { organisationId: given.organisationId.slice(0, 64) } : {}),
      ...(typeof given.name === 'string' ? { name: given.name.slice(0, 120) } : {}),
    };
    return showSpaceForm(request, reply, ctx, null, freshForm(start));
  });

  app.post('/places/:place/spaces/new', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'spaces', action: 'spaces.list' });
    const lister = await listerOf(kith, request, ctx.place.id);
    return submitForm(request, {
      schema: SpaceInput,
      show: (form) => showSpaceForm(request, reply, ctx, null, form),
      run: (input, submission) => listSpace(kith, { placeId: ctx.place.id, lister, input, submission }),
      done: (id) => reply.seeOther(`${ctx.base}/${id}`, 'spaces.flash.listed'),
    });
  });

  app.get('/places/:place/spaces/:space', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'spaces', action: 'spaces.find' });
    const space = await spaceIn(ctx, (request.params as { space: string }).space);
    const subject = await subjectOf(kith, request, space);
    const canManage = kith.policy.can(request.actor, 'spaces.manage', subject);
    if (space.status !== 'listed' && !canManage) throw new NotFoundError();
    const asked = (request.query as { week?: unknown }).week;
    const today = todayInPlace();
    const monday = mondayOf(typeof asked === 'string' && isIsoDate(asked) ? asked : today);
    const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
    const weekStart = minuteOf(placeTimeToUtc(monday, '00:00'));
    const weekEnd = minuteOf(placeTimeToUtc(addDays(monday, 7), '00:00'));
    await lapseHolds(db(), new Date());
    const bookings = await liveBookingsBetween(db(), space.id, weekStart, weekEnd);
    const hours = hoursOf(space.opensAt, space.closesAt);
    const rows = hours.map((hour) => ({
      hour,
      cells: days.map((date, i) => {
        if (!space.openDays.includes(WEEKDAYS[i]!)) return { state: 'closed', text: request.t('spaces.week.closed') };
        const next =
          hour.slice(0, 2) === '23' ? '23:59' : `${String(Number(hour.slice(0, 2)) + 1).padStart(2, '0')}:00`;
        const { start, end } = spanOf(date, hour, next);
        const busy = bookings.some((b) => b.start < end && start < b.blockEnd);
        return busy
          ? { state: 'busy', text: request.t('spaces.week.busy') }
          : { state: 'free', text: request.t('spaces.week.free') };
      }),
    }));
    const [location] = await locationSummaries(db(), ctx.place.id, [space.locationId]);
    const organisation = space.organisationId
      ? (await organisationSummariesByIds(db(), ctx.place.id, [space.organisationId])).get(space.organisationId)
      : undefined;
    return viewInPlace(reply, ctx, 'spaces/space.njk', {
      pageTitle: space.name,
      space: presentSpace(request.t, space, location?.name ?? ''),
      location,
      organisation,
      week: {
        caption: request.t('spaces.week.caption', {
          from: formatDate(monday, request.lang, { day: 'numeric', month: 'long' }),
          to: formatDate(days[6]!, request.lang, { day: 'numeric', month: 'long', year: 'numeric' }),
        }),
        days: days.map((d) => ({
          date: d,
          short: formatDate(d, request.lang, { weekday: 'short', day: 'numeric' }),
          long: formatDate(d, request.lang, { weekday: 'long', day: 'numeric', month: 'long' }),
        })),
        rows,
        previous: `${ctx.base}/${space.id}?week=${addDays(monday, -7)}`,
        next: `${ctx.base}/${space.id}?week=${addDays(monday, 7)}`,
      },
      canManage,
      canBook: kith.policy.can(request.actor, 'spaces.book', ctx.place) && space.status === 'listed',
    });
  });

  app.get('/places/:place/spaces/:space/edit', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'spaces', action: 'spaces.find' });
    const space = await spaceIn(ctx, (request.params as { space: string }).space);
    kith.policy.authorize(request.actor, 'spaces.manage', await subjectOf(kith, request, space));
    return showSpaceForm(request, reply, ctx, space, freshForm(spaceValues(space)));
  });

  app.post('/places/:place/spaces/:space/edit', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'spaces', action: 'spaces.find' });
    const space = await spaceIn(ctx, (request.params as { space: string }).space);
    kith.policy.authorize(request.actor, 'spaces.manage', await subjectOf(kith, request, space));
    const lister = await listerOf(kith, request, ctx.place.id);
    return submitForm(request, {
      schema: SpaceInput,
      show: (form) => showSpaceForm(request, reply, ctx, space, form),
      run: (input) => editSpace(kith, { placeId: ctx.place.id, spaceId: space.id, lister, input }),
      done: () => reply.seeOther(`${ctx.base}/${space.id}`, 'spaces.flash.saved'),
    });
  });
}
