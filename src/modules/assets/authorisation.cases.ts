import {
  invalidInput,
  everyone,
  member,
  roles,
  type ActorName,
  type AuthorisationCase,
  type ModuleCases,
  type Outcome,
} from '../../authorisation/cases.js';
import { addOrganisationMember, organisationSummaries } from '../directory/index.js';
import { insertNomination, recordDecision } from './acv-store.js';
import { insertAsset, insertSkill } from './store.js';
import {
  insertInterest,
  insertTransfer,
  saveBusinessCase,
  setInterestStatus,
  updateTransfer,
} from './transfer-store.js';

/**
 * The asset map's rows. The test's resident added a public building (nominated, so it
 * cannot be removed and the remove row changes nothing) and owns two skills.
 */
export const assetsCases: ModuleCases = {
  module: 'assets',
  async cases({ t, personIds, placeIds }) {
    const db = t.kith.db.kysely;
    const placeId = placeIds.calderbrook;
    const assetId = await insertAsset(db, {
      placeId,
      kind: 'physical',
      name: 'Authorisation test hall',
      description: 'For the authorisation table',
      organisationId: null,
      postcode: null,
      latitude: null,
      longitude: null,
      visibility: 'public',
      addedBy: personIds.resident,
    });
    const acvId = await insertNomination(db, {
      placeId,
      assetId,
      organisationId: 'none',
      organisationName: 'Test group',
      nominatedBy: personIds.admin,
      nominatedOn: '2026-01-05',
      reasons: 'For the table',
    });
    const skill = (description: string) =>
      insertSkill(db, {
        placeId,
        personId: personIds.resident,
        kind: 'skill',
        description,
        category: null,
        visibility: 'members',
      });
    // A listed building, for recording a notice of sale (the nominated one has no listing yet).
    const listedId = await insertNomination(db, {
      placeId,
      assetId,
      organisationId: 'none',
      organisationName: 'Test group',
      nominatedBy: personIds.admin,
      nominatedOn: '2026-01-05',
      reasons: 'For the table',
    });
    await recordDecision(db, placeId, listedId, {
      status: 'listed',
      decidedOn: '2026-02-02',
      reason: 'Furthers social wellbeing',
      decidedBy: personIds.admin,
    });
    // A building nobody has nominated, and a group that may nominate it.
    const unnominatedId = await insertAsset(db, {
      placeId,
      kind: 'physical',
      name: 'Authorisation test library',
      description: 'For the nomination row',
      organisationId: null,
      postcode: null,
      latitude: null,
      longitude: null,
      visibility: 'public',
      addedBy: personIds.resident,
    });
    const group = (await organisationSummaries(db, placeId)).find((o) => o.name === 'Friends of Calder Park')!;
    const skillId = await skill('Authorisation test skill');
    const removableSkillId = await skill('Authorisation test skill to remove');
    const p = '/places/calderbrook/assets';
    // Anyone with a role in the place, whichever it is.
    const members = member;
    // Whoever added an asset, and the place's coordinators and admins.
    const changers = roles('resident', 'coordinator', 'admin');
    const nominators = roles('organiser', 'coordinator', 'admin');
    const council = roles('admin', 'officer');
    // A skill is its owner's alone: to any other member it is "not found", not
    // "forbidden", so nobody learns it exists; non-members are refused.
    const skillOwner = (actor: ActorName): Outcome =>
      actor === 'resident' ? 'ok' : members(actor) === 'ok' ? 'not-found' : members(actor);
    const asset = {
      kind: 'physical',
      name: 'The bowling green pavilion',
      description: 'Changing rooms and a kitchen, open on match days',
      organisation: '',
      postcode: '',
      visibility: 'public',
    };
    const rows: AuthorisationCase[] = [
      { route: 'GET /assets', request: (a) => a.get('/assets'), expect: everyone },
      {
        route: 'GET /places/:place/assets',
        request: (a) => a.get(`${p}?postcode=KL1%201AA&distance=2&kind=physical`),
        expect: everyone,
      },
      { route: 'GET /places/:place/assets/export.csv', request: (a) => a.get(`${p}/export.csv`), expect: everyone },
      {
        route: 'GET /places/:place/assets/export.geojson',
        request: (a) => a.get(`${p}/export.geojson`),
        expect: everyone,
      },
      { route: 'GET /places/:place/assets/new', request: (a) => a.get(`${p}/new`), expect: members },
      {
        route: 'POST /places/:place/assets/new',
        request: (a) => a.post(`${p}/new`, {}),
        expect: invalidInput(members),
        submission: { creates: { as: 'resident', fields: asset, table: 'community_assets' } },
      },
      { route: 'GET /places/:place/assets/:id', request: (a) => a.get(`${p}/${assetId}`), expect: everyone },
      { route: 'GET /places/:place/assets/:id/edit', request: (a) => a.get(`${p}/${assetId}/edit`), expect: changers },
      {
        route: 'POST /places/:place/assets/:id/edit',
        request: (a) => a.post(`${p}/${assetId}/edit`, {}),
        expect: invalidInput(changers),
        submission: { changesInPlace: 'it rewrites the asset in place' },
      },
      {
        route: 'POST /places/:place/assets/:id/remove',
        request: (a) => a.post(`${p}/${assetId}/remove`),
        expect: changers,
        submission: { changesInPlace: 'it removes the asset; a repeat finds nothing to remove' },
      },
      { route: 'GET /places/:place/assets/skills', request: (a) => a.get(`${p}/skills`), expect: members },
      {
        route: 'POST /places/:place/assets/skills',
        request: (a) => a.post(`${p}/skills`, {}),
        expect: invalidInput(members),
        submission: {
          creates: {
            as: 'resident',
            fields: { kind: 'skill', description: 'Bike repairs', visibility: 'members' },
            table: 'asset_skills',
          },
        },
      },
      {
        route: 'GET /places/:place/assets/skills/:id/edit',
        request: (a) => a.get(`${p}/skills/${skillId}/edit`),
        expect: skillOwner,
      },
      {
        route: 'POST /places/:place/assets/skills/:id/edit',
        request: (a) => a.post(`${p}/skills/${skillId}/edit`, {}),
        expect: invalidInput(skillOwner),
        submission: { changesInPlace: 'it rewrites the skill in place' },
      },
      {
        route: 'POST /places/:place/assets/skills/:id/remove',
        request: (a) => a.post(`${p}/skills/${removableSkillId}/remove`),
        expect: skillOwner,
        submission: { changesInPlace: 'it deletes the skill; a repeat finds nothing' },
      },
      {
        route: 'GET /places/:place/assets/community-value',
        request: (a) => a.get(`${p}/community-value`),
        expect: everyone,
      },
      {
        route: 'GET /places/:place/assets/community-value/nominate',
        request: (a) => a.get(`${p}/community-value/nominate`),
        expect: nominators,
      },
      {
        route: 'POST /places/:place/assets/community-value/nominate',
        request: (a) => a.post(`${p}/community-value/nominate`, {}),
        expect: invalidInput(nominators),
        submission: {
          creates: {
            as: 'admin',
            fields: {
              asset: unnominatedId,
              organisation: group.id,
              reasons: 'Where the bowls club and the lunch club meet',
            },
            table: 'asset_acv',
          },
        },
      },
    ];
    // Each step but the notice sets the record's state once (a repeat is refused as
    // already done); a notice of sale is a new row, so it is tried on the listed record.
    const steps: Record<string, AuthorisationCase['submission']> = {
      decision: { changesInPlace: 'it decides a nomination once; a repeat finds it already decided' },
      notice: {
        creates: {
          as: 'officer',
          fields: { 'notifiedOn-day': '3', 'notifiedOn-month': '3', 'notifiedOn-year': '2026' },
          table: 'asset_acv_notices',
        },
      },
      bidder: { changesInPlace: 'it marks the latest notice once; a repeat finds a bidder already recorded' },
      removal: { changesInPlace: 'it ends the listing once; a repeat finds it no longer listed' },
    };
    for (const [step, submission] of Object.entries(steps)) {
      const id = step === 'notice' ? listedId : acvId;
      rows.push(
        {
          route: `GET /places/:place/assets/community-value/:id/${step}`,
          request: (a) => a.get(`${p}/community-value/${id}/${step}`),
          expect: council,
        },
        {
          route: `POST /places/:place/assets/community-value/:id/${step}`,
          request: (a) => a.post(`${p}/community-value/${id}/${step}`, {}),
          expect: invalidInput(council),
          submission,
        },
      );
    }
    rows.push(...(await transferRows({ t, personIds, placeIds }, council)));
    return rows;
  },
};

/**
 * Community asset transfer's rows: a council library with no transfer (to open one), a
 * transfer taking expressions of interest (one from a group the organiser organises),
 * and a transfer whose residents are giving views on a shortlisted proposal.
 */
async function transferRows(
  { t, personIds, placeIds }: Parameters<ModuleCases['cases']>[0],
  council: (actor: ActorName) => Outcome,
): Promise<AuthorisationCase[]> {
  const db = t.kith.db.kysely;
  const placeId = placeIds.calderbrook;
  const organisations = await organisationSummaries(db, placeId);
  const id = (name: string) => organisations.find((o) => o.name === name)!.id;
  const friends = id('Friends of Calder Park');
  await addOrganisationMember(db, { placeId, organisationId: friends, personId: personIds.organiser, addedBy: null });
  const library = (name: string) =>
    insertAsset(db, {
      placeId,
      kind: 'physical',
      name,
      description: 'A council library for the authorisation table',
      organisationId: id('Calderbrook Council Libraries'),
      postcode: null,
      latitude: null,
      longitude: null,
      visibility: 'public',
      addedBy: personIds.officer,
    });
  const unopened = await library('Authorisation test branch library');
  const open = await insertTransfer(db, {
    placeId,
    assetId: await library('Authorisation test reading room'),
    summary: 'For the authorisation table',
    interestClosesOn: '2099-12-31',
    openedOn: '2026-01-05',
    openedBy: personIds.officer,
  });
  const interest = {
    placeId,
    organisationId: friends,
    organisationName: 'Friends of Calder Park',
    sentBy: personIds.organiser,
    sentOn: '2026-01-06',
    whoWeAre: 'Friends',
    whatWeWouldDo: 'Run it',
    communityBenefit: 'Books',
  };
  const interestId = await insertInterest(db, { ...interest, transferId: open });
  const viewing = await insertTransfer(db, {
    placeId,
    assetId: await library('Authorisation test mobile library depot'),
    summary: 'For the authorisation table',
    interestClosesOn: '2026-01-31',
    openedOn: '2026-01-05',
    openedBy: personIds.officer,
  });
  const proposalId = await insertInterest(db, { ...interest, transferId: viewing });
  await setInterestStatus(db, placeId, [proposalId], 'shortlisted');
  await saveBusinessCase(db, placeId, proposalId, {
    plan: 'Open daily',
    finance: 'Grants',
    governance: 'Trustees',
    beneficiaries: 'Everyone',
    submittedOn: '2026-02-01',
  });
  await updateTransfer(db, placeId, viewing, {
    stage: 'views',
    shortlistedOn: '2026-02-01',
    viewsOpenedOn: '2026-02-02',
  });

  const p = '/places/calderbrook/assets';
  const tr = `${p}/transfers/${open}`;
  const groupsSpeakers = roles('organiser', 'coordinator', 'admin');
  // Speaking for the group: its organiser and admins; a coordinator who does not organise it is told it is not there.
  const forTheGroup = (actor: ActorName): Outcome => (actor === 'coordinator' ? 'not-found' : groupsSpeakers(actor));
  const moves = 'it moves the transfer one stage once; a repeat finds it already moved';
  const rows: AuthorisationCase[] = [
    { route: 'GET /places/:place/assets/transfers', request: (a) => a.get(`${p}/transfers`), expect: everyone },
    { route: 'GET /places/:place/assets/transfers/:id', request: (a) => a.get(tr), expect: everyone },
    {
      route: 'GET /places/:place/assets/:id/transfer',
      request: (a) => a.get(`${p}/${unopened}/transfer`),
      expect: council,
    },
    {
      route: 'POST /places/:place/assets/:id/transfer',
      request: (a) => a.post(`${p}/${unopened}/transfer`, {}),
      expect: invalidInput(council),
      submission: {
        creates: {
          as: 'officer',
          fields: {
            summary: 'Offered to a community group on a long lease',
            'interestClosesOn-day': '31',
            'interestClosesOn-month': '12',
            'interestClosesOn-year': '2099',
          },
          table: 'asset_transfers',
        },
      },
    },
    {
      route: 'GET /places/:place/assets/transfers/:id/interest',
      request: (a) => a.get(`${tr}/interest`),
      expect: groupsSpeakers,
    },
    {
      route: 'POST /places/:place/assets/transfers/:id/interest',
      request: (a) => a.post(`${tr}/interest`, {}),
      expect: invalidInput(groupsSpeakers),
      submission: {
        creates: {
          as: 'admin',
          fields: {
            organisation: id('Calderbrook Together'),
            whoWeAre: 'A residents’ network',
            whatWeWouldDo: 'A community hub',
            communityBenefit: 'A place to meet',
          },
          table: 'asset_transfer_interests',
        },
      },
    },
    {
      route: 'POST /places/:place/assets/transfers/:id/interests/:interest/withdraw',
      request: (a) => a.post(`${tr}/interests/${interestId}/withdraw`),
      expect: forTheGroup,
      submission: { changesInPlace: 'it marks the expression of interest withdrawn; a repeat finds it withdrawn' },
    },
    {
      route: 'GET /places/:place/assets/transfers/:id/interests/:interest/case',
      request: (a) => a.get(`${tr}/interests/${interestId}/case`),
      expect: forTheGroup,
    },
    {
      route: 'POST /places/:place/assets/transfers/:id/interests/:interest/case',
      request: (a) => a.post(`${tr}/interests/${interestId}/case`, {}),
      expect: invalidInput(forTheGroup),
      submission: { changesInPlace: 'it sets the group’s business case; a repeat finds it already sent' },
    },
    {
      route: 'GET /places/:place/assets/transfers/:id/interests/:interest/changes',
      request: (a) => a.get(`${tr}/interests/${interestId}/changes`),
      expect: council,
    },
    {
      route: 'POST /places/:place/assets/transfers/:id/interests/:interest/changes',
      request: (a) => a.post(`${tr}/interests/${interestId}/changes`, {}),
      expect: invalidInput(council),
      submission: { changesInPlace: 'it marks the business case for changes; a repeat finds it already marked' },
    },
    {
      route: 'GET /places/:place/assets/transfers/:id/interests/:interest/view',
      request: (a) => a.get(`${p}/transfers/${viewing}/interests/${proposalId}/view`),
      expect: member,
    },
    {
      route: 'POST /places/:place/assets/transfers/:id/interests/:interest/view',
      request: (a) => a.post(`${p}/transfers/${viewing}/interests/${proposalId}/view`, {}),
      expect: invalidInput(member),
      submission: { changesInPlace: 'one view a resident a proposal: a repeat changes the same view' },
    },
  ];
  for (const step of ['shortlist', 'views', 'decision', 'terms', 'handover', 'withdraw']) {
    rows.push(
      {
        route: `GET /places/:place/assets/transfers/:id/${step}`,
        request: (a) => a.get(`${tr}/${step}`),
        expect: council,
      },
      {
        route: `POST /places/:place/assets/transfers/:id/${step}`,
        request: (a) => a.post(`${tr}/${step}`, {}),
        // Opening views asks for nothing: the officer is refused beside the form, as the transfer is not there yet.
        expect: step === 'views' ? council : invalidInput(council),
        submission: { changesInPlace: moves },
      },
    );
  }
  return rows;
}
