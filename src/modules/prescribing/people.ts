/**
 * What social prescribing needs to know about people with accounts: a name to show, an
 * address to find a colleague by, the roles that say who may refer. Read through the
 * people module's store from this one file (as time credits do) until it exports a
 * service for them.
 */
export { findPersonByEmail, findPersonById, insertRole, namesOf, rolesOf } from '../people/index.js';
