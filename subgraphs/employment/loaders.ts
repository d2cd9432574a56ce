import { defineByForeignKeyLoader, defineByIdLoader, defineRowsByForeignKeyLoader } from '../shared/loaders';
import * as repo from './repository';

export const employmentById = defineByIdLoader('employment.byId', repo.findEmploymentsByIds);
export const employmentsByPerson = defineRowsByForeignKeyLoader('employment.byPerson', repo.EMPLOYMENT_ROWS, 'personId', repo.EMPLOYMENT_ORDER_SQL);
export const employmentsByManager = defineByForeignKeyLoader('employment.byManager', 'managerId', repo.findEmploymentsByManagerIds);
export const employmentsByOrganization = defineByForeignKeyLoader('employment.byOrganization', 'organizationId', repo.findEmploymentsByOrganizationIds);
export const statusHistoryByEmployment = defineByForeignKeyLoader('employment.statusHistory', 'employmentId', repo.findStatusHistoryByEmploymentIds);
