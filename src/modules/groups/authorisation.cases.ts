import type { ModuleCases } from '../../authorisation/cases.js';

export const groupsCases: ModuleCases = { module: 'groups', cases: async () => [] };
