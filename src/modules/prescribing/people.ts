/**
 * What social prescribing needs from people: a name to show, an address to find a
 * colleague by, the roles that say who may refer, and joining a place when someone takes
 * over their record.
 */
export {
  findPersonByEmail,
  findPersonById,
  holdersOfRoles,
  joinPlaceWithin,
  namesOf,
  rolesOf,
} from '../people/index.js';
