import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { KithError, NotFoundError, RuleError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { auditEventsForPlace } from '../../../platform/audit/index.js';
import { isRole, ROLES } from '../../../policy/index.js';
import { echoValues, parseInput, submitForm, type FieldErrors } from '../../../web/forms.js';
import { placeContext } from '../../../web/place.js';
import { PageQuery, paginationFor } from '../../../web/pagination.js';
import { placeName, type Place } from '../../places/index.js';
import { addMember, decideMembershipRequest, setMemberApproval, setRoles } from '../roles.js';
import { AddMemberInput, ApprovalSettingInput, MembershipDecisionInput, RolesInput } from '../inputs.js';
import { findPersonById, membershipRequestsOf, membersOf, namesOf, rolesOf } from '../store.js';

const MembersQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional().default(''),
  role: z
    .string()
    .optional()
    .transform((v) => (v && isRole(v) ? v : undefined)),
});

const PER_PAGE = 50;

export function adminRoutes(app: FastifyInstance, kith: Kith) {
  async function placeFor(request: FastifyRequest, action: string): Promise<Place> {
    return (await placeContext(kith, request, { section: 'admin', action })).place;
  }

  async function showMembers(
    request: FastifyRequest,
    reply: FastifyReply,
    place: Place,
    errors?: FieldErrors,
    status = 200,
  ) {
    const parsedQuery = parseInput(MembersQuery, request.query);
    const query = parsedQuery.ok ? parsedQuery.value : { page: 1, q: '', role: undefined };
    const requests = await membershipRequestsOf(kith.db.kysely, place.id);
    const { members, total } = await membersOf(kith.db.kysely, place.id, {
      search: query.q || undefined,
      role: query.role,
      limit: PER_PAGE,
      offset: (query.page - 1) * PER_PAGE,
    });
    const base = `/places/${place.slug}/admin/members`;
    const href = (page: number) => {
      const params = new URLSearchParams({
        ...(query.q ? { q: query.q } : {}),
        ...(query.role ? { role: query.role } : {}),
        page: String(page),
      });
      return `${base}?${params}`;
    };
    return reply.view(
      'people/members.njk',
      {
        pageTitle: request.t('people.members.title', { place: placeName(place, request.lang) }),
        headerPlace: placeName(place, request.lang),
        place,
        requests,
        members: members.map((m) => ({ ...m, roleNames: m.roles.map((r) => request.t(`roles.${r}`)).join(', ') })),
        total,
        query,
        roles: ROLES.map((r) => ({ value: r, text: request.t(`roles.${r}`), selected: r === query.role })),
        pagination: paginationFor(request.t, { page: query.page, perPage: PER_PAGE, total, href }),
        values: errors ? echoValues(request.body) : {},
        errors,
      },
      status,
    );
  }

  app.get('/places/:place/admin/members', async (request, reply) => {
    const place = await placeFor(request, 'place.manageMembers');
    return showMembers(request, reply, place);
  });

  app.post('/places/:place/admin/members', async (request, reply) => {
    const place = await placeFor(request, 'place.manageMembers');
    return submitForm(request, {
      schema: AddMemberInput,
      show: (form) => showMembers(request, reply, place, form.errors, form.status),
      run: ({ email }) => addMember(kith, { actorId: request.actor.personId!, placeId: place.id, email }),
      done: (personId) => reply.seeOther(`/places/${place.slug}/admin/members/${personId}`, 'people.members.added'),
    });
  });

  app.post('/places/:place/admin/members/approval', async (request, reply) => {
    const place = await placeFor(request, 'place.manageMembers');
    return submitForm(request, {
      schema: ApprovalSettingInput,
      show: (form) => showMembers(request, reply, place, form.errors, form.status),
      run: async (setting) => {
        const approves = setting.approves === 'yes';
        await setMemberApproval(kith, { actorId: request.actor.personId!, placeId: place.id, approves });
        return approves;
      },
      done: (approves) =>
        reply.seeOther(
          `/places/${place.slug}/admin/members`,
          approves ? 'people.approval.savedOn' : 'people.approval.savedOff',
        ),
    });
  });

  app.post('/places/:place/admin/members/requests/:person', async (request, reply) => {
    const place = await placeFor(request, 'place.manageMembers');
    const personId = (request.params as { person: string }).person;
    const parsed = parseInput(MembershipDecisionInput, request.body);
    // Only an altered form sends anything but the two buttons' values.
    if (!parsed.ok) throw new KithError(400, 'people.requests.validation.decision');
    try {
      await decideMembershipRequest(kith, {
        actorId: request.actor.personId!,
        placeId: place.id,
        personId,
        decision: parsed.value.decision,
      });
    } catch (error) {
      // Another admin answered first: say so, and change nothing.
      if (error instanceof RuleError)
        return reply.seeOther(`/places/${place.slug}/admin/members`, error.key, error.params);
      throw error;
    }
    return reply.seeOther(
      `/places/${place.slug}/admin/members`,
      parsed.value.decision === 'approve' ? 'people.requests.approved' : 'people.requests.refused',
    );
  });

  async function showMember(
    request: FastifyRequest,
    reply: FastifyReply,
    place: Place,
    personId: string,
    errors?: FieldErrors,
    status = 200,
  ) {
    const person = await findPersonById(kith.db.kysely, personId);
    if (!person) throw new NotFoundError();
    const held = (await rolesOf(kith.db.kysely, personId)).filter((g) => g.placeId === place.id).map((g) => g.role);
    if (!held.length && !errors) throw new NotFoundError();
    return reply.view(
      'people/member.njk',
      {
        pageTitle: request.t('people.member.title', { name: person.name }),
        headerPlace: placeName(place, request.lang),
        place,
        member: { id: person.id, name: person.name, email: person.email },
        roles: ROLES.map((r) => ({
          value: r,
          text: request.t(`roles.${r}`),
          hint: { text: request.t(`roles.${r}.hint`) },
          checked: held.includes(r),
        })),
        errors,
        fieldIds: { roles: 'roles' },
      },
      status,
    );
  }

  app.get('/places/:place/admin/members/:person', async (request, reply) => {
    const place = await placeFor(request, 'place.manageMembers');
    return showMember(request, reply, place, (request.params as { person: string }).person);
  });

  app.post('/places/:place/admin/members/:person', async (request, reply) => {
    const place = await placeFor(request, 'place.manageMembers');
    const personId = (request.params as { person: string }).person;
    return submitForm(request, {
      schema: RolesInput,
      show: (form) => showMember(request, reply, place, personId, form.errors, form.status),
      run: async ({ roles }) => {
        const person = await findPersonById(kith.db.kysely, personId);
        if (!person) throw new NotFoundError();
        await setRoles(kith, { actorId: request.actor.personId!, placeId: place.id, personId, roles });
        return roles;
      },
      done: (roles) =>
        reply.seeOther(
          `/places/${place.slug}/admin/members`,
          roles.length ? 'people.roles.saved' : 'people.roles.removed',
        ),
    });
  });

  app.get('/places/:place/admin/audit', async (request, reply) => {
    const place = await placeFor(request, 'place.viewAudit');
    const parsed = parseInput(PageQuery, request.query);
    const page = parsed.ok ? parsed.value.page : 1;
    const { events, total } = await auditEventsForPlace(kith.db.kysely, place.id, {
      limit: PER_PAGE,
      offset: (page - 1) * PER_PAGE,
    });
    const ids = events
      .flatMap((e) => [e.actorId, e.subjectType === 'person' ? e.subjectId : null])
      .filter((v): v is string => !!v);
    const found = await namesOf(kith.db.kysely, [...new Set(ids)]);
    const name = (id: string) => found.get(id) ?? request.t('people.audit.erased');
    return reply.view('people/audit.njk', {
      pageTitle: request.t('people.audit.title', { place: placeName(place, request.lang) }),
      headerPlace: placeName(place, request.lang),
      place,
      events: events.map((e) => ({
        when: e.createdAt,
        actor: e.actorId ? name(e.actorId) : request.t('people.audit.system'),
        action: request.t(
          `audit.${e.action}`,
          Object.fromEntries(
            Object.entries(e.detail).map(([k, v]) => [k, k === 'role' ? request.t(`roles.${String(v)}`) : String(v)]),
          ),
        ),
        subject: e.subjectType === 'person' && e.subjectId ? name(e.subjectId) : '',
      })),
      pagination: paginationFor(request.t, {
        page,
        perPage: PER_PAGE,
        total,
        href: (p) => `/places/${place.slug}/admin/audit?page=${p}`,
      }),
    });
  });
}
