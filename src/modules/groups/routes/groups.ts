import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { dateAndTime } from '../../../platform/dates.js';
import { suppressCount } from '../../../platform/suppression.js';
import { freshForm, submitForm, type FormState } from '../../../web/forms.js';
import { actorId, placeContext, viewInPlace, type PlaceContext } from '../../../web/place.js';
import { namesOf } from '../../people/index.js';
import {
  addAction,
  decideRequest,
  hide,
  joinGroup,
  leaveGroup,
  makeOrganiser,
  pledge,
  reportConcern,
  setVisible,
  startGroup,
} from '../groups.js';
import { ActionInput, DecisionInput, GroupInput, LeaveInput, ReportInput, VisibleInput } from '../inputs.js';
import {
  actionsOf,
  eventsOfGroup,
  findEvent,
  findGroup,
  findMember,
  listGroups,
  membersOf,
  openReports,
  pledgedBy,
  type Action,
} from '../store.js';
import { publicGroup } from '../rules.js';
import { groupIn, shareTags, type GroupInPlace } from './context.js';

/** Actions as a page shows them: the count of pledges held back when small, and whether this reader pledged. */
export async function presentActions(kith: Kith, request: FastifyRequest, actions: Action[]) {
  const mine = request.actor.personId
    ? await pledgedBy(
        kith.db.kysely,
        actions.map((a) => a.id),
        request.actor.personId,
      )
    : new Set<string>();
  return actions.map((a) => {
    const shown = suppressCount(a.pledges);
    return {
      ...a,
      pledged: mine.has(a.id),
      countText:
        shown === null ? request.t('groups.pledge.fewPledged') : request.t('groups.pledge.pledged', { count: shown }),
    };
  });
}

export function groupRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  app.get('/places/:place/groups', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups', action: 'groups.find' });
    const groups = await listGroups(db(), ctx.place.id);
    return viewInPlace(reply, ctx, 'groups/list.njk', {
      pageTitle: request.t('groups.list.title'),
      groups: groups.map((g) => ({
        ...g,
        href: `${ctx.base}/${g.id}`,
        joiningText: request.t(`groups.joining.${g.joining}`),
        membersText: request.t('groups.members.count', { count: g.members }),
      })),
      canStart: kith.policy.can(request.actor, 'groups.start', ctx.place),
      canModerate: kith.policy.can(request.actor, 'groups.moderate', ctx.place),
    });
  });

  const showGroupForm = (request: FastifyRequest, reply: FastifyReply, ctx: PlaceContext, form: FormState) =>
    viewInPlace(
      reply,
      ctx,
      'groups/group-form.njk',
      { pageTitle: request.t('groups.start.title'), values: form.values, errors: form.errors },
      form.status,
    );

  app.get('/places/:place/groups/new', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups', action: 'groups.start' });
    return showGroupForm(request, reply, ctx, freshForm({ joining: 'open' }));
  });

  app.post('/places/:place/groups/new', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups', action: 'groups.start' });
    return submitForm(request, {
      schema: GroupInput,
      show: (form) => showGroupForm(request, reply, ctx, form),
      run: (input, submission) =>
        startGroup(kith, { placeId: ctx.place.id, personId: actorId(request), input, submission }),
      done: (id) => reply.seeOther(`${ctx.base}/${id}`, 'groups.flash.started'),
    });
  });

  async function showGroup(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    { group, subject }: GroupInPlace,
    form: FormState = freshForm(),
  ) {
    const me = request.actor.personId;
    const inside = kith.policy.can(request.actor, 'groups.inside', subject);
    const organise = kith.policy.can(request.actor, 'groups.organise', subject);
    const members = inside || organise ? await membersOf(db(), group.id) : [];
    const names = await namesOf(
      db(),
      members.map((m) => m.personId),
    );
    const mine = me ? await findMember(db(), group.id, me) : undefined;
    const events = inside ? await eventsOfGroup(db(), group.id, new Date().toISOString()) : [];
    const actions = await presentActions(
      kith,
      request,
      await actionsOf(db(), ctx.place.id, { groupId: group.id, eventId: null }),
    );
    const shown = members.filter((m) => m.status === 'member' && (m.visible || organise || m.personId === me));
    return viewInPlace(
      reply,
      ctx,
      'groups/group.njk',
      {
        pageTitle: group.name,
        group,
        share: publicGroup(group)
          ? shareTags(kith, {
              title: group.name,
              description: group.purpose,
              path: `${ctx.base}/${group.id}`,
              type: 'website',
              lang: request.lang,
              image: {
                path: `${ctx.base}/${group.id}/share.png`,
                alt: request.t('groups.share.imageAlt.group', { place: ctx.name, group: group.name }),
              },
            })
          : null,
        joiningText: request.t(`groups.joining.${group.joining}`),
        inside,
        organise,
        mine,
        canJoin: kith.policy.can(request.actor, 'groups.join', subject),
        canPledge: kith.policy.can(request.actor, 'groups.rsvp', subject),
        canModerate: kith.policy.can(request.actor, 'groups.moderate', ctx.place),
        members: shown.map((m) => ({
          ...m,
          name: names.get(m.personId) ?? request.t('groups.members.someone'),
          roleText: request.t(`groups.role.${m.role}`),
        })),
        hiddenMembers: members.filter((m) => m.status === 'member').length - shown.length,
        requests: organise
          ? members.filter((m) => m.status === 'requested').map((m) => ({ ...m, name: names.get(m.personId) ?? '' }))
          : [],
        /** Open groups' events can be subscribed to in a calendar app. */
        feedHref: publicGroup(group) ? `${ctx.base}/${group.id}/calendar.ics` : '',
        events: events
          // A cancelled date stays listed, marked, so someone who planned to go sees it is off.
          .filter((e) => e.status !== 'hidden' || kith.policy.can(request.actor, 'groups.moderate', ctx.place))
          .map((e) => ({ ...e, whenText: dateAndTime(e.startsAt, request.lang), href: `${ctx.base}/events/${e.id}` })),
        actions,
        values: form.values,
        errors: form.errors,
      },
      form.status,
    );
  }

  const groupParam = (request: FastifyRequest) => (request.params as { group: string }).group;

  app.get('/places/:place/groups/:group', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups', action: 'groups.find' });
    return showGroup(request, reply, ctx, await groupIn(kith, request, ctx, groupParam(request)));
  });

  app.post('/places/:place/groups/:group/join', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups' });
    const inPlace = await groupIn(kith, request, ctx, groupParam(request));
    kith.policy.authorize(request.actor, 'groups.join', inPlace.subject);
    const visible = (request.body as { visible?: string } | undefined)?.visible !== 'no';
    const status = await joinGroup(kith, { group: inPlace.group, personId: actorId(request), visible });
    return reply.seeOther(
      `${ctx.base}/${inPlace.group.id}`,
      status === 'member' ? 'groups.flash.joined' : 'groups.flash.requested',
    );
  });

  app.post('/places/:place/groups/:group/leave', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups' });
    const inPlace = await groupIn(kith, request, ctx, groupParam(request));
    kith.policy.authorize(request.actor, 'groups.join', inPlace.subject);
    return submitForm(request, {
      schema: LeaveInput,
      show: (form) => showGroup(request, reply, ctx, inPlace, form),
      run: () => leaveGroup(kith, { group: inPlace.group, personId: actorId(request) }),
      done: () => reply.seeOther(`${ctx.base}/${inPlace.group.id}`, 'groups.flash.left'),
    });
  });

  app.post('/places/:place/groups/:group/visibility', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups' });
    const inPlace = await groupIn(kith, request, ctx, groupParam(request));
    kith.policy.authorize(request.actor, 'groups.join', inPlace.subject);
    const me = actorId(request);
    if (!(await findMember(db(), inPlace.group.id, me))) throw new NotFoundError();
    return submitForm(request, {
      schema: VisibleInput,
      show: (form) => showGroup(request, reply, ctx, inPlace, form),
      run: (input) => setVisible(kith, { group: inPlace.group, personId: me, visible: input.visible === 'yes' }),
      done: () => reply.seeOther(`${ctx.base}/${inPlace.group.id}`, 'groups.flash.saved'),
    });
  });

  app.post('/places/:place/groups/:group/members/:person/decide', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups' });
    const inPlace = await groupIn(kith, request, ctx, groupParam(request));
    kith.policy.authorize(request.actor, 'groups.organise', inPlace.subject);
    const personId = (request.params as { person: string }).person;
    return submitForm(request, {
      schema: DecisionInput,
      show: (form) => showGroup(request, reply, ctx, inPlace, form),
      run: (input) =>
        decideRequest(kith, {
          group: inPlace.group,
          organiserId: actorId(request),
          personId,
          decision: input.decision,
        }),
      done: () => reply.seeOther(`${ctx.base}/${inPlace.group.id}`, 'groups.flash.saved'),
    });
  });

  app.post('/places/:place/groups/:group/members/:person/organiser', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups' });
    const inPlace = await groupIn(kith, request, ctx, groupParam(request));
    kith.policy.authorize(request.actor, 'groups.organise', inPlace.subject);
    const personId = (request.params as { person: string }).person;
    await makeOrganiser(kith, { group: inPlace.group, organiserId: actorId(request), personId });
    return reply.seeOther(`${ctx.base}/${inPlace.group.id}`, 'groups.flash.saved');
  });

  app.post('/places/:place/groups/:group/actions', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups' });
    const inPlace = await groupIn(kith, request, ctx, groupParam(request));
    kith.policy.authorize(request.actor, 'groups.organise', inPlace.subject);
    const eventId = (request.body as { eventId?: string } | undefined)?.eventId || null;
    if (eventId && (await findEvent(db(), ctx.place.id, eventId))?.groupId !== inPlace.group.id)
      throw new NotFoundError();
    const back = eventId ? `${ctx.base}/events/${eventId}` : `${ctx.base}/${inPlace.group.id}`;
    return submitForm(request, {
      schema: ActionInput,
      show: (form) => showGroup(request, reply, ctx, inPlace, form),
      run: (input, submission) =>
        addAction(kith, { group: inPlace.group, eventId, personId: actorId(request), text: input.text, submission }),
      done: () => reply.seeOther(back, 'groups.flash.actionAdded'),
    });
  });

  app.post('/places/:place/groups/actions/:action/pledge', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups' });
    const [action] = await actionsOf(db(), ctx.place.id, { id: (request.params as { action: string }).action });
    if (!action) throw new NotFoundError();
    const inPlace = await groupIn(kith, request, ctx, action.groupId);
    kith.policy.authorize(request.actor, 'groups.rsvp', inPlace.subject);
    await pledge(kith, { placeId: ctx.place.id, actionId: action.id, personId: actorId(request) });
    const back = action.eventId ? `${ctx.base}/events/${action.eventId}` : `${ctx.base}/${action.groupId}`;
    return reply.seeOther(back, 'groups.flash.pledged');
  });

  app.post('/places/:place/groups/:group/report', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups' });
    const inPlace = await groupIn(kith, request, ctx, groupParam(request));
    kith.policy.authorize(request.actor, 'groups.join', inPlace.subject);
    return submitForm(request, {
      schema: ReportInput,
      show: (form) => showGroup(request, reply, ctx, inPlace, form),
      run: (input, submission) =>
        reportConcern(kith, {
          group: inPlace.group,
          eventId: null,
          personId: actorId(request),
          reason: input.reason,
          submission,
        }),
      done: () => reply.seeOther(`${ctx.base}/${inPlace.group.id}`, 'groups.flash.reported'),
    });
  });

  app.get('/places/:place/groups/reports', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups', action: 'groups.moderate' });
    const reports = await openReports(db(), ctx.place.id);
    const rows = [];
    for (const r of reports) {
      const group = await findGroup(db(), ctx.place.id, r.groupId);
      const event = r.eventId ? await findEvent(db(), ctx.place.id, r.eventId) : undefined;
      rows.push({
        ...r,
        name: event ? event.title : (group?.name ?? ''),
        href: event ? `${ctx.base}/events/${event.id}` : `${ctx.base}/${r.groupId}`,
        action: event ? `${ctx.base}/events/${event.id}/hide` : `${ctx.base}/${r.groupId}/hide`,
        whenText: dateAndTime(r.createdAt, request.lang),
      });
    }
    return viewInPlace(reply, ctx, 'groups/reports.njk', {
      pageTitle: request.t('groups.reports.title'),
      reports: rows,
    });
  });

  app.post('/places/:place/groups/:group/hide', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups', action: 'groups.moderate' });
    const inPlace = await groupIn(kith, request, ctx, groupParam(request));
    return submitForm(request, {
      schema: ReportInput,
      show: (form) => showGroup(request, reply, ctx, inPlace, form),
      run: (input) =>
        hide(kith, {
          placeId: ctx.place.id,
          adminId: actorId(request),
          groupId: inPlace.group.id,
          eventId: null,
          reason: input.reason,
        }),
      done: () => reply.seeOther(ctx.base, 'groups.flash.hidden'),
    });
  });
}
