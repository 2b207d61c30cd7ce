import { invalidInput, member, roles, type AuthorisationCase, type ModuleCases } from '../../authorisation/cases.js';
import { insertPerson, insertRole } from '../people/index.js';
import { logSmallAct, proposeExchange } from './exchanges.js';
import { contactPoster, createPost, saveHelperProfile } from './posts.js';

/**
 * A neighbour's offer anyone may reply to; the resident's own request (only they may
 * change it or act on its matches), their conversation and exchange with the neighbour
 * (coordinators and admins may see the exchange, to confirm it after 14 days), and
 * their small act.
 */
export const exchangesCases: ModuleCases = {
  module: 'exchanges',
  async cases({ t, personIds, placeIds }): Promise<AuthorisationCase[]> {
    const { kith } = t;
    const placeId = placeIds.calderbrook;
    const neighbour = await insertPerson(kith.db.kysely, {
      name: 'Neighbour Person',
      email: 'neighbour@test.example',
      passwordHash: null,
      language: 'en',
      emailConfirmed: true,
    });
    await insertRole(kith.db.kysely, { placeId, personId: neighbour.id, role: 'resident', grantedBy: null });
    const post = { details: '', when: '', days: [], duration: 60, sensitive: false } as const;
    const offer = await createPost(kith, {
      placeId,
      personId: neighbour.id,
      kind: 'offer',
      post: { ...post, days: [], title: 'Gardening help', category: 'gardening', area: 'KL5' },
    });
    const request = await createPost(kith, {
      placeId,
      personId: personIds.resident,
      kind: 'request',
      post: { ...post, days: [], title: 'Help with my garden', category: 'gardening', area: 'KL5' },
    });
    await saveHelperProfile(kith, {
      placeId,
      personId: neighbour.id,
      canHelpWith: 'Gardening',
      categories: ['gardening'],
      area: 'KL5',
      days: [],
      visibility: 'members',
      active: true,
    });
    const conversation = await contactPoster(kith, { placeId, personId: personIds.resident, postId: offer });
    const exchange = await proposeExchange(kith, {
      placeId,
      placeSlug: 'calderbrook',
      personId: personIds.resident,
      personName: 'Only resident',
      postId: offer,
      note: '',
    });
    const act = await logSmallAct(kith, { placeId, personId: personIds.resident });
    const base = '/places/calderbrook/help';
    const resident = roles('resident');
    return [
      { route: 'GET /places/:place/help', request: (a) => a.get(base), expect: member },
      { route: 'GET /places/:place/help/mine', request: (a) => a.get(`${base}/mine`), expect: member },
      { route: 'GET /places/:place/help/new/:kind', request: (a) => a.get(`${base}/new/request`), expect: member },
      {
        route: 'POST /places/:place/help/new/:kind',
        request: (a) => a.post(`${base}/new/offer`, {}),
        expect: invalidInput(member),
        submission: {
          creates: {
            as: 'resident',
            fields: { title: 'Walks with your dog', category: 'gardening', area: 'KL5', duration: '60' },
            table: 'exchange_posts',
          },
        },
      },
      { route: 'GET /places/:place/help/posts/:post', request: (a) => a.get(`${base}/posts/${offer}`), expect: member },
      {
        route: 'GET /places/:place/help/posts/:post/edit',
        request: (a) => a.get(`${base}/posts/${request}/edit`),
        expect: resident,
      },
      {
        route: 'POST /places/:place/help/posts/:post/edit',
        request: (a) => a.post(`${base}/posts/${request}/edit`, {}),
        expect: invalidInput(resident),
        submission: { changesInPlace: 'edits the post in place' },
      },
      {
        route: 'POST /places/:place/help/posts/:post/status',
        request: (a) => a.post(`${base}/posts/${request}/status`, {}),
        expect: invalidInput(resident),
        submission: { changesInPlace: 'opens, pauses or closes the post: a state' },
      },
      {
        route: 'POST /places/:place/help/posts/:post/ask/:person',
        request: (a) => a.post(`${base}/posts/${request}/ask/${neighbour.id}`),
        expect: resident,
        submission: { changesInPlace: 'opens the one conversation with that helper, or returns to it' },
      },
      {
        route: 'POST /places/:place/help/posts/:post/contact',
        request: (a) => a.post(`${base}/posts/${offer}/contact`),
        expect: member,
        submission: { changesInPlace: 'opens the one conversation with the poster, or returns to it' },
      },
      {
        route: 'POST /places/:place/help/posts/:post/propose',
        request: (a) => a.post(`${base}/posts/${offer}/propose`, {}),
        expect: member,
        submission: { creates: { as: 'resident', fields: { note: 'Saturday morning suits me' }, table: 'exchanges' } },
      },
      {
        route: 'GET /places/:place/help/conversations/:conversation',
        request: (a) => a.get(`${base}/conversations/${conversation}`),
        expect: resident,
      },
      {
        route: 'POST /places/:place/help/conversations/:conversation',
        request: (a) => a.post(`${base}/conversations/${conversation}`, {}),
        expect: invalidInput(resident),
        submission: {
          creates: { as: 'resident', fields: { body: 'Thank you, see you then' }, table: 'exchange_messages' },
        },
      },
      {
        route: 'GET /places/:place/help/exchanges/:exchange',
        request: (a) => a.get(`${base}/exchanges/${exchange}`),
        expect: roles('resident', 'coordinator', 'admin'),
      },
      {
        route: 'POST /places/:place/help/exchanges/:exchange/:action',
        request: (a) => a.post(`${base}/exchanges/${exchange}/confirm`),
        expect: roles('resident', 'coordinator', 'admin'),
        submission: { changesInPlace: 'moves the exchange on: a state' },
      },
      {
        route: 'POST /places/:place/help/small-acts',
        request: (a) => a.post(`${base}/small-acts`),
        expect: member,
        submission: { creates: { as: 'resident', fields: {}, table: 'small_acts' } },
      },
      {
        route: 'GET /places/:place/help/small-acts/:act',
        request: (a) => a.get(`${base}/small-acts/${act}`),
        expect: resident,
      },
      {
        route: 'POST /places/:place/help/small-acts/:act',
        request: (a) => a.post(`${base}/small-acts/${act}`, {}),
        expect: invalidInput(resident),
        submission: { changesInPlace: 'adds the detail to the small act' },
      },
      { route: 'GET /places/:place/help/helper', request: (a) => a.get(`${base}/helper`), expect: member },
      {
        route: 'POST /places/:place/help/helper',
        request: (a) => a.post(`${base}/helper`, {}),
        expect: invalidInput(member),
        submission: { changesInPlace: "saves the person's helper profile, of which they have one" },
      },
      {
        route: 'GET /places/:place/help/manage',
        request: (a) => a.get(`${base}/manage`),
        expect: roles('coordinator', 'admin'),
      },
      {
        route: 'POST /places/:place/help/manage/small-acts/:act/confirm',
        request: (a) => a.post(`${base}/manage/small-acts/${act}/confirm`),
        expect: roles('coordinator', 'admin'),
        submission: { changesInPlace: 'confirms the small act' },
      },
      { route: 'GET /places/:place/help/settings', request: (a) => a.get(`${base}/settings`), expect: roles('admin') },
      {
        route: 'POST /places/:place/help/settings',
        request: (a) => a.post(`${base}/settings`, {}),
        expect: invalidInput(roles('admin')),
        submission: { changesInPlace: "sets the place's settings for offers and requests" },
      },
      {
        route: 'GET /api/v1/places/:place/help/posts',
        request: (a) => a.get('/api/v1/places/calderbrook/help/posts'),
        expect: member,
      },
      {
        route: 'GET /api/v1/places/:place/help/posts/:post/matches',
        request: (a) => a.get(`/api/v1/places/calderbrook/help/posts/${request}/matches`),
        expect: resident,
      },
    ];
  },
};
