/** Who sees which skills and assets on the map and in the register. */
import { hasRole, isMember, type Actor } from '../../policy/index.js';
import type { Visibility } from './schema.js';

/**
 * The visibilities whose skills and assets this viewer may see in a place, besides
 * their own. "Only me" is never among them: nobody else sees it, whatever their role.
 */
export function visibleLevels(viewer: Actor, placeId: string): Visibility[] {
  if (!viewer.personId || !isMember(viewer, placeId)) return ['public'];
  if (hasRole(viewer, placeId, 'coordinator', 'admin')) return ['public', 'members', 'coordinators'];
  return ['public', 'members'];
}
