import { cy } from './messages.cy.js';
import { en } from './messages.en.js';

export const messages = { en, cy };
