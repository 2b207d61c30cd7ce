import path from 'node:path';
import type { KithModule } from '../module.js';
import { forgetRegisterPerson, nominationsBy } from './acv-store.js';
import { demoAssets } from './demo.js';
import { messages } from './messages.js';
import { assetsPolicy } from './policy.js';
import { acvRoutes } from './routes/acv.js';
import { inventoryRoutes } from './routes/inventory.js';
import { mapRoutes } from './routes/map.js';
import { skillRoutes } from './routes/skills.js';
import { transferGroupRoutes } from './routes/transfer-groups.js';
import { transferRoutes } from './routes/transfers.js';
import { deleteViewsOf, forgetTransferPerson, viewsBy } from './transfer-store.js';
import { migrations } from './schema.js';
import { allSkillsOf, assetsAddedBy, deleteSkillsOf, forgetAssetsAddedBy } from './store.js';

/** For other capabilities (offers and requests, volunteering, befriending): the skills a viewer may see. */
export { skillsVisibleTo } from './skills.js';
export type { Skill } from './store.js';

/**
 * The asset map (capability 2, seeds C3): the six kinds of asset a place has, people's
 * own skills and passions with their consent and visibility, the register of Assets of
 * Community Value with its moratorium dates, a map and open data exports.
 */
export const assetsModule: KithModule = {
  name: 'assets',
  migrations,
  messages,
  policy: assetsPolicy,
  viewsDir: path.join(import.meta.dirname, 'views'),
  routes(app, kith) {
    mapRoutes(app, kith);
    skillRoutes(app, kith);
    acvRoutes(app, kith);
    transferRoutes(app, kith);
    transferGroupRoutes(app, kith);
    inventoryRoutes(app, kith);
  },
  navigation: () => [{ key: 'nav.assets', href: '/assets', order: 15 }],
  placeLinks(request, place) {
    const { policy } = request.server.kith;
    const links = [
      { key: 'assets.links.map', hintKey: 'assets.links.map.hint', href: `/places/${place.slug}/assets`, order: 105 },
      {
        key: 'assets.links.register',
        hintKey: 'assets.links.register.hint',
        href: `/places/${place.slug}/assets/community-value`,
        order: 107,
      },
      {
        key: 'assets.links.transfers',
        hintKey: 'assets.links.transfers.hint',
        href: `/places/${place.slug}/assets/transfers`,
        order: 108,
      },
    ];
    if (policy.can(request.actor, 'assetMap.contribute', place)) {
      links.push({
        key: 'assets.links.skills',
        hintKey: 'assets.links.skills.hint',
        href: `/places/${place.slug}/assets/skills`,
        order: 106,
      });
    }
    return links;
  },
  personalData: {
    async export(db, personId) {
      const [skills, assets, nominations, views] = await Promise.all([
        allSkillsOf(db, personId),
        assetsAddedBy(db, personId),
        nominationsBy(db, personId),
        viewsBy(db, personId),
      ]);
      if (!skills.length && !assets.length && !nominations.length && !views.length) return {};
      return {
        skillsAndPassions: skills.map((s) => ({
          kind: s.kind,
          description: s.description,
          category: s.category,
          whoCanSee: s.visibility,
          addedAt: s.createdAt,
          changedAt: s.updatedAt,
        })),
        assetsYouAdded: assets.map((a) => ({
          kind: a.kind,
          name: a.name,
          description: a.description,
          postcode: a.postcode,
          whoCanSee: a.visibility,
          addedAt: a.createdAt,
        })),
        communityValueNominations: nominations,
        viewsOnAssetTransfers: views,
      };
    },
    /**
     * Skills are the person's and go. Assets they added and the register's entries stay
     * (a park is not personal data, and the register is the council's public record),
     * no longer saying who added or recorded them.
     */
    async erase(trx, personId) {
      await deleteSkillsOf(trx, personId);
      await forgetAssetsAddedBy(trx, personId);
      await forgetRegisterPerson(trx, personId);
      await deleteViewsOf(trx, personId);
      await forgetTransferPerson(trx, personId);
    },
  },
  demo: demoAssets,
};
