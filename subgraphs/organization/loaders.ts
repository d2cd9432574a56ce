import { defineByIdLoader } from '../shared/loaders';
import { findOrganizationsByIds } from './repository';

export const organizationById = defineByIdLoader('organization.byId', findOrganizationsByIds);
