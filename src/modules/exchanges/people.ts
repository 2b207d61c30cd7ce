/**
 * What offers and requests need to know about people, from the people module's index:
 * a name to show beside a post and an address to send a notification to (never shown
 * to anyone).
 */
export { findPersonById, namesOf } from '../people/index.js';
