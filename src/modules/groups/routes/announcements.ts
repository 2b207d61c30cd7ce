import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kith } from '../../../kith.js';
import { dateAndTime } from '../../../platform/dates.js';
import { freshForm, submitForm, type FormState } from '../../../web/forms.js';
import { actorId, placeContext, viewInPlace, type PlaceContext } from '../../../web/place.js';
import { hideAnnouncement, postAnnouncement } from '../announcements.js';
import { reportConcern } from '../groups.js';
import { AnnouncementInput, ReportInput } from '../inputs.js';
import type { Announcement } from '../store.js';
import { announcementIn, groupIn, type GroupInPlace } from './context.js';

type AnnouncementInPlace = GroupInPlace & { announcement: Announcement };

/** Organisers write to their group's members; members read, report; admins hide. */
export function announcementRoutes(app: FastifyInstance, kith: Kith) {
  const groupParam = (request: FastifyRequest) => (request.params as { group: string }).group;
  const announcementParam = (request: FastifyRequest) => (request.params as { announcement: string }).announcement;

  const showForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    { group }: GroupInPlace,
    form: FormState,
  ) =>
    viewInPlace(
      reply,
      ctx,
      'groups/announcement-form.njk',
      { pageTitle: request.t('groups.announcement.new.title'), group, values: form.values, errors: form.errors },
      form.status,
    );

  app.get('/places/:place/groups/:group/announcements/new', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups' });
    const inPlace = await groupIn(kith, request, ctx, groupParam(request));
    kith.policy.authorize(request.actor, 'groups.organise', inPlace.subject);
    return showForm(request, reply, ctx, inPlace, freshForm());
  });

  app.post('/places/:place/groups/:group/announcements/new', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups' });
    const inPlace = await groupIn(kith, request, ctx, groupParam(request));
    kith.policy.authorize(request.actor, 'groups.organise', inPlace.subject);
    return submitForm(request, {
      schema: AnnouncementInput,
      show: (form) => showForm(request, reply, ctx, inPlace, form),
      run: (input, submission) =>
        postAnnouncement(kith, { group: inPlace.group, personId: actorId(request), input, submission }),
      done: () => reply.seeOther(`${ctx.base}/${inPlace.group.id}#announcements`, 'groups.flash.announced'),
    });
  });

  function showAnnouncement(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    { group, subject, announcement }: AnnouncementInPlace,
    form: FormState = freshForm(),
  ) {
    return viewInPlace(
      reply,
      ctx,
      'groups/announcement.njk',
      {
        pageTitle: announcement.title,
        group,
        announcement,
        whenText: dateAndTime(announcement.createdAt, request.lang),
        canReport: kith.policy.can(request.actor, 'groups.join', subject),
        canModerate: kith.policy.can(request.actor, 'groups.moderate', ctx.place),
        values: form.values,
        errors: form.errors,
      },
      form.status,
    );
  }

  app.get('/places/:place/groups/announcements/:announcement', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups', action: 'groups.find' });
    return showAnnouncement(request, reply, ctx, await announcementIn(kith, request, ctx, announcementParam(request)));
  });

  app.post('/places/:place/groups/announcements/:announcement/report', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups' });
    const inPlace = await announcementIn(kith, request, ctx, announcementParam(request));
    kith.policy.authorize(request.actor, 'groups.join', inPlace.subject);
    return submitForm(request, {
      schema: ReportInput,
      show: (form) => showAnnouncement(request, reply, ctx, inPlace, form),
      run: (input, submission) =>
        reportConcern(kith, {
          group: inPlace.group,
          eventId: null,
          announcementId: inPlace.announcement.id,
          personId: actorId(request),
          reason: input.reason,
          submission,
        }),
      done: () => reply.seeOther(`${ctx.base}/announcements/${inPlace.announcement.id}`, 'groups.flash.reported'),
    });
  });

  app.post('/places/:place/groups/announcements/:announcement/hide', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups', action: 'groups.moderate' });
    const inPlace = await announcementIn(kith, request, ctx, announcementParam(request));
    return submitForm(request, {
      schema: ReportInput,
      show: (form) => showAnnouncement(request, reply, ctx, inPlace, form),
      run: (input) =>
        hideAnnouncement(kith, {
          placeId: ctx.place.id,
          adminId: actorId(request),
          announcementId: inPlace.announcement.id,
          reason: input.reason,
        }),
      done: () => reply.seeOther(`${ctx.base}/${inPlace.group.id}`, 'groups.flash.hidden'),
    });
  });
}
