import { gone, invalidInput, everyone, roles, signedIn, type ModuleCases } from '../../authorisation/cases.js';
import { insertPerson, insertRole } from './store.js';

export const peopleCases: ModuleCases = {
  module: 'people',
  endsSession: ['DELETE /api/v1/sessions/current', 'POST /sign-out'],
  async cases({ t, placeIds }) {
    const target = await insertPerson(t.kith.db.kysely, {
      name: 'Target Person',
      email: 'target@test.example',
      passwordHash: null,
      language: 'en',
      emailConfirmed: true,
    });
    await insertRole(t.kith.db.kysely, {
      placeId: placeIds.calderbrook,
      personId: target.id,
      role: 'resident',
      grantedBy: null,
    });
    const members = '/places/calderbrook/admin/members';
    const admin = roles('admin');
    return [
      { route: 'GET /sign-up', request: (a) => a.get('/sign-up'), expect: everyone },
      {
        route: 'POST /sign-up',
        request: (a) => a.post('/sign-up', {}),
        expect: invalidInput(everyone),
        submission: { changesInPlace: 'an email holds one account: a repeat finds it taken' },
      },
      { route: 'GET /sign-in', request: (a) => a.get('/sign-in'), expect: everyone },
      {
        route: 'POST /sign-in',
        request: (a) => a.post('/sign-in', {}),
        expect: invalidInput(everyone),
        submission: { changesInPlace: 'signs in: a repeat signs in again' },
      },
      { route: 'GET /password-reset', request: (a) => a.get('/password-reset'), expect: everyone },
      {
        route: 'POST /password-reset',
        request: (a) => a.post('/password-reset', { email: 'nobody@test.example' }),
        expect: everyone,
        submission: { changesInPlace: 'sends the person a reset link: a repeat sends another, as asking again would' },
      },
      { route: 'GET /password-reset/sent', request: (a) => a.get('/password-reset/sent'), expect: everyone },
      { route: 'GET /password-reset/:token', request: (a) => a.get('/password-reset/unknown'), expect: gone },
      {
        route: 'POST /password-reset/:token',
        request: (a) => a.post('/password-reset/unknown', { password: 'long enough now', confirm: 'long enough now' }),
        expect: gone,
        submission: { changesInPlace: 'sets the password and uses up the link' },
      },
      { route: 'GET /confirm-email/:token', request: (a) => a.get('/confirm-email/unknown'), expect: gone },
      {
        route: 'POST /confirm-email/:token',
        request: (a) => a.post('/confirm-email/unknown', {}),
        expect: gone,
        submission: { changesInPlace: 'confirms the address and uses up the link' },
      },
      {
        route: 'POST /account/confirm-email',
        request: (a) => a.post('/account/confirm-email', {}),
        expect: signedIn,
        submission: { changesInPlace: 'sends a new link to an unconfirmed address, a few a day at most' },
      },
      { route: 'GET /account', request: (a) => a.get('/account'), expect: signedIn },
      { route: 'GET /account/blocked', request: (a) => a.get('/account/blocked'), expect: signedIn },
      {
        route: 'POST /account/blocked',
        request: (a) => a.post('/account/blocked', {}),
        expect: invalidInput(signedIn),
        submission: { changesInPlace: 'one block a person: blocking again changes nothing' },
      },
      {
        route: 'POST /account/blocked/:person/unblock',
        request: (a) => a.post(`/account/blocked/${target.id}/unblock`, {}),
        expect: signedIn,
        submission: { changesInPlace: 'unblocking removes the block: a repeat finds none' },
      },
      { route: 'GET /account/edit', request: (a) => a.get('/account/edit'), expect: signedIn },
      {
        route: 'POST /account/edit',
        request: (a) => a.post('/account/edit', {}),
        expect: invalidInput(signedIn),
        submission: { changesInPlace: 'edits the account in place' },
      },
      { route: 'GET /account/password', request: (a) => a.get('/account/password'), expect: signedIn },
      {
        route: 'POST /account/password',
        request: (a) => a.post('/account/password', {}),
        expect: invalidInput(signedIn),
        submission: { changesInPlace: 'sets the password; a repeat sets the same one again' },
      },
      { route: 'GET /account/data', request: (a) => a.get('/account/data'), expect: signedIn },
      { route: 'GET /account/delete', request: (a) => a.get('/account/delete'), expect: signedIn },
      {
        route: 'POST /account/delete',
        request: (a) => a.post('/account/delete', {}),
        expect: invalidInput(signedIn),
        submission: { changesInPlace: 'erases the account: a repeat finds nothing to erase' },
      },
      { route: 'GET /account/deleted', request: (a) => a.get('/account/deleted'), expect: everyone },
      {
        route: 'POST /places/:place/join',
        request: (a) => a.post('/places/aberllyn/join'),
        expect: signedIn,
        submission: { changesInPlace: 'grants the resident role, which a person holds once' },
      },
      { route: 'GET /places/:place/admin/members', request: (a) => a.get(members), expect: admin },
      {
        route: 'POST /places/:place/admin/members',
        request: (a) => a.post(members, { email: 'target@test.example' }),
        expect: admin,
        submission: { changesInPlace: 'grants the resident role, which a person holds once' },
      },
      {
        route: 'POST /places/:place/admin/members/approval',
        request: (a) => a.post(`${members}/approval`, { approves: 'no' }),
        expect: admin,
        submission: { changesInPlace: 'sets whether new members wait for approval' },
      },
      {
        route: 'POST /places/:place/admin/members/requests/:person',
        request: (a) => a.post(`${members}/requests/${target.id}`, { decision: 'approve' }),
        expect: admin,
        submission: { changesInPlace: 'answers the request, which is then gone: a repeat finds it answered' },
      },
      {
        route: 'GET /places/:place/admin/members/:person',
        request: (a) => a.get(`${members}/${target.id}`),
        expect: admin,
      },
      {
        route: 'POST /places/:place/admin/members/:person',
        request: (a) => a.post(`${members}/${target.id}`, { roles: 'resident' }),
        expect: admin,
        submission: { changesInPlace: "sets the member's roles" },
      },
      {
        route: 'GET /places/:place/admin/audit',
        request: (a) => a.get('/places/calderbrook/admin/audit'),
        expect: admin,
      },
      {
        route: 'POST /api/v1/accounts',
        request: (a) => a.json('POST', '/api/v1/accounts', {}),
        expect: invalidInput(everyone),
        submission: { changesInPlace: 'an email holds one account: a repeat finds it taken' },
      },
      {
        route: 'POST /api/v1/sessions',
        request: (a) => a.json('POST', '/api/v1/sessions', {}),
        expect: invalidInput(everyone),
        submission: { changesInPlace: 'signs in: a repeat signs in again' },
      },
      { route: 'GET /api/v1/me', request: (a) => a.get('/api/v1/me'), expect: signedIn },
      { route: 'GET /api/v1/me/data', request: (a) => a.get('/api/v1/me/data'), expect: signedIn },
      {
        route: 'DELETE /api/v1/sessions/current',
        request: (a) => a.json('DELETE', '/api/v1/sessions/current'),
        expect: signedIn,
      },
      {
        route: 'POST /sign-out',
        request: (a) => a.post('/sign-out', {}),
        expect: everyone,
        submission: { changesInPlace: 'ends the session' },
      },
    ];
  },
};
