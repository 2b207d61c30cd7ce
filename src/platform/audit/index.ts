import type { KithModule } from '../../modules/module.js';
import { migrations } from './schema.js';
import { anonymiseAuditFor, auditEventsAbout } from './store.js';

export { recordAudit, auditEventsForPlace, auditEventsAbout, ERASED_PERSON, type AuditEvent } from './store.js';

export const auditModule: KithModule = {
  name: 'audit',
  migrations,
  personalData: {
    export: async (db, personId) => ({ auditEvents: await auditEventsAbout(db, personId) }),
    erase: (trx, personId) => anonymiseAuditFor(trx, personId),
  },
};
