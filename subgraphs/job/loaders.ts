import { defineByForeignKeyLoader, defineByIdLoader } from '../shared/loaders';
import { findJobsByIds, findJobsByOrganizationIds } from './repository';

export const jobById = defineByIdLoader('job.byId', findJobsByIds);
export const jobsByOrganization = defineByForeignKeyLoader('job.byOrganization', 'organizationId', findJobsByOrganizationIds);
