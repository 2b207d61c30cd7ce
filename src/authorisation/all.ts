import { directoryCases } from '../modules/directory/authorisation.cases.js';
import { exchangesCases } from '../modules/exchanges/authorisation.cases.js';
import { peopleCases } from '../modules/people/authorisation.cases.js';
import { siteCases } from '../modules/site/authorisation.cases.js';
import { timebankCases } from '../modules/timebank/authorisation.cases.js';
import { assetsCases } from '../modules/assets/authorisation.cases.js';
import { volunteeringCases } from '../modules/volunteering/authorisation.cases.js';
import { befriendingCases } from '../modules/befriending/authorisation.cases.js';
import { prescribingCases } from '../modules/prescribing/authorisation.cases.js';
import { outcomesCases } from '../modules/outcomes/authorisation.cases.js';
import { libraryCases } from '../modules/library/authorisation.cases.js';
import { grantsCases } from '../modules/grants/authorisation.cases.js';
import { spacesCases } from '../modules/spaces/authorisation.cases.js';
import { groupsCases } from '../modules/groups/authorisation.cases.js';
import { participationCases } from '../modules/participation/authorisation.cases.js';
import { insightCases } from '../modules/insight/authorisation.cases.js';
import type { ModuleCases } from './cases.js';

/** Every module's rows of the authorisation table. Add a module's here with its folder. */
export const allCases: ModuleCases[] = [
  siteCases,
  peopleCases,
  directoryCases,
  timebankCases,
  exchangesCases,
  assetsCases,
  volunteeringCases,
  befriendingCases,
  prescribingCases,
  outcomesCases,
  libraryCases,
  grantsCases,
  spacesCases,
  groupsCases,
  participationCases,
  insightCases,
];
