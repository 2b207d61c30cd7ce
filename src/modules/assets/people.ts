/**
 * The one thing the asset map needs to know about people: a name to show beside a
 * skill, to members of the place only. The people module does not export a service
 * function for it yet, so it is read through its store from this one file (as the
 * offers and requests module does); when it does, only this file changes.
 */
export { namesOf } from '../people/index.js';
