/**
 * What time credits need to know about people: a name to show, an address to find an
 * organiser by, the roles that decide who sees an account. The people module does not
 * export service functions for these yet, so they are read through its store from
 * this one file; when it does, only this file changes.
 */
export { findPersonByEmail, findPersonById, namesOf, rolesOf } from '../people/index.js';
