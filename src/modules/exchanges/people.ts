/**
 * What offers and requests need to know about people: a name to show beside a post
 * and an address to send a notification to (never shown to anyone). The people module
 * does not export service functions for these yet, so they are read through its store
 * from this one file; when it does, only this file changes.
 */
export { findPersonById, namesOf } from '../people/index.js';
