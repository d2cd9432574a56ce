import { defineRowByIdLoader } from '../shared/loaders';
import { ORGANIZATION_ROWS } from './repository';

export const organizationById = defineRowByIdLoader('organization.byId', ORGANIZATION_ROWS);
