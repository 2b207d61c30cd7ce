import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { dateAndTime } from '../../../platform/dates.js';
import { freshForm, submitForm, type FormState } from '../../../web/forms.js';
import { actorId, placeContext, viewInPlace, type PlaceContext } from '../../../web/place.js';
import { namesOf } from '../../people/index.js';
import { organisationIdsOrganisedBy, organisationSummariesByIds } from '../../directory/index.js';
import {
  decideRequest,
  hide,
  joinGroup,
  leaveGroup,
  makeOrganiser,
  reportConcern,
  setVisible,
  startGroup,
} from '../groups.js';
import { setAnnouncementDelivery } from '../announcements.js';
import {
  ActionInput,
  AnnouncementDeliveryInput,
  DecisionInput,
  GroupInput,
  LeaveInput,
  OrganisationDecisionInput,
  OrganisationRequestInput,
  ReportInput,
  VisibleInput,
} from '../inputs.js';
import { askToBecomeOrganisation, decideOrganisation } from '../organisations.js';
import { addAction } from '../pledges.js';
import {
  announcementsOfGroup,
  eventsOfGroup,
  findAnnouncement,
  findEvent,
  findGroup,
  findMember,
  latestOrganisationRequest,
  listGroups,
  membersOf,
  openOrganisationRequests,
  openReports,
} from '../store.js';
import { publicGroup } from '../rules.js';
import { groupIn, shareTags, type GroupInPlace } from './context.js';
import { pledgesSection } from './pledges.js';

const ORGANISATION_KINDS = ['informal_group', 'community_group', 'charity'] as const;

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

  async function showGroupForm(request: FastifyRequest, reply: FastifyReply, ctx: PlaceContext, form: FormState) {
    // Someone who runs directory organisations may start a group for one of them: its events are the organisation's.
    const runs = await organisationSummariesByIds(
      db(),
      ctx.place.id,
      await organisationIdsOrganisedBy(db(), ctx.place.id, actorId(request)),
    );
    const organisations = [...runs.values()].sort((a, b) => a.name.localeCompare(b.name));
    return viewInPlace(
      reply,
      ctx,
      'groups/group-form.njk',
      {
        pageTitle: request.t('groups.start.title'),
        organisationItems: organisations.length
          ? [
              { value: '', text: request.t('groups.field.organisation.none') },
              ...organisations.map((o) => ({
                value: o.id,
                text: o.name,
                selected: form.values.organisationId === o.id,
              })),
            ]
          : [],
        values: form.values,
        errors: form.errors,
      },
      form.status,
    );
  }

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
    const pledges = await pledgesSection(kith, request, group, null);
    const organisation = group.organisationId
      ? (await organisationSummariesByIds(db(), ctx.place.id, [group.organisationId])).get(group.organisationId)
      : undefined;
    const organisationRequest =
      organise && !group.organisationId ? await latestOrganisationRequest(db(), group.id) : undefined;
    const moderate = kith.policy.can(request.actor, 'groups.moderate', ctx.place);
    const announcements = inside ? await announcementsOfGroup(db(), group.id, moderate) : [];
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
        pledges,
        canPledge: kith.policy.can(request.actor, 'groups.rsvp', subject),
        organisationName: organisation?.name ?? '',
        organisationRequest,
        organisationKinds: ORGANISATION_KINDS.map((k) => ({
          value: k,
          text: request.t(`groups.organisation.kind.${k}`),
          checked: form.values.kind === k,
        })),
        announcements: announcements.map((a) => ({
          ...a,
          whenText: dateAndTime(a.createdAt, request.lang),
          href: `${ctx.base}/announcements/${a.id}`,
        })),
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

  app.post('/places/:place/groups/:group/announcements/preference', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups' });
    const inPlace = await groupIn(kith, request, ctx, groupParam(request));
    kith.policy.authorize(request.actor, 'groups.join', inPlace.subject);
    const me = actorId(request);
    if ((await findMember(db(), inPlace.group.id, me))?.status !== 'member') throw new NotFoundError();
    return submitForm(request, {
      schema: AnnouncementDeliveryInput,
      show: (form) => showGroup(request, reply, ctx, inPlace, form),
      run: (input) => setAnnouncementDelivery(kith, { group: inPlace.group, personId: me, how: input.how }),
      done: () => reply.seeOther(`${ctx.base}/${inPlace.group.id}#announcements`, 'groups.flash.saved'),
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
        addAction(kith, {
          group: inPlace.group,
          eventId,
          personId: actorId(request),
          text: input.text,
          followUpDays: input.followUp,
          submission,
        }),
      done: () => reply.seeOther(back, 'groups.flash.actionAdded'),
    });
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

  async function showReports(request: FastifyRequest, reply: FastifyReply, ctx: PlaceContext, form: FormState) {
    const reports = await openReports(db(), ctx.place.id);
    const rows = [];
    for (const r of reports) {
      const group = await findGroup(db(), ctx.place.id, r.groupId);
      const event = r.eventId ? await findEvent(db(), ctx.place.id, r.eventId) : undefined;
      const announcement = r.announcementId ? await findAnnouncement(db(), ctx.place.id, r.announcementId) : undefined;
      const path = announcement
        ? `${ctx.base}/announcements/${announcement.id}`
        : event
          ? `${ctx.base}/events/${event.id}`
          : `${ctx.base}/${r.groupId}`;
      rows.push({
        ...r,
        name: announcement ? announcement.title : event ? event.title : (group?.name ?? ''),
        kindText: request.t(
          announcement
            ? 'groups.reports.kind.announcement'
            : event
              ? 'groups.reports.kind.event'
              : 'groups.reports.kind.group',
        ),
        href: path,
        action: `${path}/hide`,
        whenText: dateAndTime(r.createdAt, request.lang),
      });
    }
    const requests = [];
    for (const r of await openOrganisationRequests(db(), ctx.place.id)) {
      const group = await findGroup(db(), ctx.place.id, r.groupId);
      if (!group) continue;
      requests.push({
        ...r,
        name: group.name,
        href: `${ctx.base}/${group.id}`,
        action: `${ctx.base}/organisation-requests/${r.id}`,
        kindText: request.t(`groups.organisation.kind.${r.kind}`),
        whenText: dateAndTime(r.createdAt, request.lang),
      });
    }
    return viewInPlace(
      reply,
      ctx,
      'groups/reports.njk',
      {
        pageTitle: request.t('groups.reports.title'),
        reports: rows,
        requests,
        // Each request has its own form: a mistake is linked to the field of the one decided.
        fieldIds: {
          decision: `decision-${String(form.values.requestId ?? '')}`,
          reason: `reason-request-${String(form.values.requestId ?? '')}`,
        },
        errors: form.errors,
        values: form.values,
      },
      form.status,
    );
  }

  app.get('/places/:place/groups/reports', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups', action: 'groups.moderate' });
    return showReports(request, reply, ctx, freshForm());
  });

  app.post('/places/:place/groups/organisation-requests/:request', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups', action: 'groups.moderate' });
    const requestId = (request.params as { request: string }).request;
    return submitForm(request, {
      schema: OrganisationDecisionInput,
      show: (form) => showReports(request, reply, ctx, form),
      run: (input) =>
        decideOrganisation(kith, {
          placeId: ctx.place.id,
          adminId: actorId(request),
          requestId,
          decision: input.decision,
          reason: input.reason,
        }),
      done: () => reply.seeOther(`${ctx.base}/reports`, 'groups.flash.saved'),
    });
  });

  app.post('/places/:place/groups/:group/organisation', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups' });
    const inPlace = await groupIn(kith, request, ctx, groupParam(request));
    kith.policy.authorize(request.actor, 'groups.organise', inPlace.subject);
    return submitForm(request, {
      schema: OrganisationRequestInput,
      show: (form) => showGroup(request, reply, ctx, inPlace, form),
      run: (input, submission) =>
        askToBecomeOrganisation(kith, { group: inPlace.group, personId: actorId(request), input, submission }),
      done: () => reply.seeOther(`${ctx.base}/${inPlace.group.id}`, 'groups.flash.organisationAsked'),
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
