import { defineByForeignKeyLoader, defineRowByIdLoader } from '../shared/loaders';
import { findJobsByOrganizationIds, JOB_ROWS } from './repository';

export const jobById = defineRowByIdLoader('job.byId', JOB_ROWS);
export const jobsByOrganization = defineByForeignKeyLoader('job.byOrganization', 'organizationId', findJobsByOrganizationIds);
