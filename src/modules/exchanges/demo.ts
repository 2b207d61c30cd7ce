import type { Kith } from '../../kith.js';
import { DEMO_DISTRICTS } from '../directory/index.js';
import type { DemoState } from '../module.js';
import { updateExchange } from './exchange-store.js';
import { actOnExchange, describeSmallAct, logSmallAct, proposeExchange } from './exchanges.js';
import { contactPoster, createPost, saveHelperProfile, sendMessage } from './posts.js';
import type { PostInput } from './inputs.js';
import { forgetCentroids } from './matches.js';
import { saveCentroids } from './store.js';

/**
 * The centres of the demo place's postcode districts, so "0.8 miles" can be shown. A real
 * place loads the full table (ONS Postcode Directory, outward codes) into
 * outward_code_centroids.
 */
const DEMO_CENTROIDS = DEMO_DISTRICTS.map((d) => ({ code: d.district, latitude: d.latitude, longitude: d.longitude }));

const post = (p: Partial<PostInput> & Pick<PostInput, 'title' | 'category' | 'area'>): PostInput => ({
  details: '',
  when: '',
  days: [],
  duration: 60,
  sensitive: false,
  ...p,
});

/**
 * Offers and requests among Calderbrook's residents: gardening, lifts, phones, forms,
 * company for an older neighbour (with safeguarding guidance), a few people who said
 * what they can help with, one exchange done and confirmed, one waiting for a
 * coordinator, and a small act.
 */
export async function demoExchanges(kith: Kith, demo: DemoState): Promise<void> {
  const place = demo.places.calderbrook;
  if (!place) return;
  await saveCentroids(kith.db.kysely, DEMO_CENTROIDS);
  forgetCentroids(kith.db.kysely);
  const p = demo.people;
  const where = { placeId: place.id, placeSlug: place.slug };
  const offer = (who: string, input: PostInput) =>
    createPost(kith, { placeId: place.id, personId: p[who]!.id, kind: 'offer', post: input });
  const request = (who: string, input: PostInput) =>
    createPost(kith, { placeId: place.id, personId: p[who]!.id, kind: 'request', post: input });

  await offer(
    'gardener',
    post({
      title: 'Gardening: weeding, pruning and planting',
      details: 'I have my own tools and love a tidy border.',
      category: 'gardening',
      area: 'KL5 2AB',
      days: ['sat'],
      when: 'Saturday mornings',
      duration: 120,
    }),
  );
  await offer(
    'youngResident',
    post({
      title: 'Help with phones, tablets and video calls',
      details: 'Setting up WhatsApp, photos, online forms.',
      category: 'technology',
      area: 'KL1',
      days: ['tue', 'thu'],
      when: 'After 5pm',
    }),
  );
  const forms = await offer(
    'retiredTeacher',
    post({
      title: 'Reading and filling in forms and letters',
      category: 'paperwork',
      area: 'KL4',
      days: ['mon', 'wed'],
      duration: 60,
    }),
  );
  await offer(
    'student',
    post({ title: 'Lifting and moving furniture', category: 'repairs', area: 'KL3', days: ['sun'], duration: 120 }),
  );
  await request(
    'carer',
    post({
      title: 'Someone to sit with my mum on Tuesday afternoons',
      details: 'She is 88 and loves to talk about the mills.',
      category: 'company',
      area: 'KL4',
      days: ['tue'],
      when: 'Tuesdays 2 to 4pm',
      sensitive: true,
    }),
  );
  await request(
    'newArrival',
    post({
      title: 'Practising English conversation',
      category: 'learning',
      area: 'KL1',
      days: ['wed', 'sat'],
      duration: 60,
    }),
  );
  await request(
    'organiser',
    post({
      title: 'A lift to the hospital on the 12th',
      details: 'Calderdale Royal, outpatients at 10am.',
      category: 'lifts',
      area: 'KL3',
      when: 'Thursday 12th, 9.30am',
      duration: 120,
    }),
  );

  await saveHelperProfile(kith, {
    placeId: place.id,
    personId: p.retiredTeacher!.id,
    canHelpWith: 'Gardening, reading with children, letters and forms',
    categories: ['paperwork', 'gardening'],
    area: 'KL4',
    days: ['mon', 'wed'],
    visibility: 'members',
    active: true,
  });
  await saveHelperProfile(kith, {
    placeId: place.id,
    personId: p.student!.id,
    canHelpWith: 'Heavy lifting, bikes and basic DIY',
    categories: ['repairs'],
    area: 'KL3',
    days: [],
    visibility: 'members',
    active: true,
  });
  await saveHelperProfile(kith, {
    placeId: place.id,
    personId: p.carer!.id,
    canHelpWith: 'Company and a cup of tea for someone on their own',
    categories: ['company'],
    area: 'KL4',
    days: ['fri'],
    visibility: 'coordinators',
    active: true,
  });

  // Yusuf asked Harold for help with a form; it happened and was confirmed.
  const yusuf = { personId: p.newArrival!.id, personName: p.newArrival!.name, isCoordinator: false };
  const harold = { personId: p.retiredTeacher!.id, personName: p.retiredTeacher!.name, isCoordinator: false };
  const conversation = await contactPoster(kith, { placeId: place.id, personId: yusuf.personId, postId: forms });
  await sendMessage(kith, {
    ...where,
    personId: yusuf.personId,
    senderName: yusuf.personName,
    conversationId: conversation,
    body: 'Hello Harold, could you help me with a housing benefit form?',
  });
  await sendMessage(kith, {
    ...where,
    personId: harold.personId,
    senderName: harold.personName,
    conversationId: conversation,
    body: 'Of course. The library on Wednesday at 11?',
  });
  const done = await proposeExchange(kith, { ...where, ...yusuf, postId: forms, note: 'Housing benefit form' });
  await actOnExchange(kith, { ...where, ...harold, exchangeId: done, action: 'accept' });
  await actOnExchange(kith, { ...where, ...harold, exchangeId: done, action: 'record', minutes: 60 });
  await actOnExchange(kith, { ...where, ...yusuf, exchangeId: done, action: 'confirm' });

  // Harold helped again; Yusuf has not confirmed for three weeks, so a coordinator can.
  const waiting = await proposeExchange(kith, { ...where, ...yusuf, postId: forms, note: 'A letter from the council' });
  await actOnExchange(kith, { ...where, ...harold, exchangeId: waiting, action: 'accept' });
  await actOnExchange(kith, { ...where, ...harold, exchangeId: waiting, action: 'record', minutes: 30 });
  await updateExchange(kith.db.kysely, waiting, {
    recorded_at: new Date(Date.now() - 21 * 24 * 3600_000).toISOString(),
  });

  const act = await logSmallAct(kith, { placeId: place.id, personId: p.gardener!.id });
  await describeSmallAct(kith, {
    placeId: place.id,
    personId: p.gardener!.id,
    actId: act,
    what: 'Took in a neighbour’s parcels and put their bins out',
    minutes: 20,
  });
}
