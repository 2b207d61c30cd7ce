/**
 * What time credits need to know about people, from the people module's index: a name
 * to show, an address to find an organiser by, the roles that decide who sees an account.
 */
export { findPersonByEmail, findPersonById, namesOf, rolesOf } from '../people/index.js';
