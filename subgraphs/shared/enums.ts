// GraphQL enums registered once from the Prisma-generated enums, so the API and the database agree.
import { registerEnumType } from 'type-graphql';
import {
  CandidateStatus, ConsentStatus, CustomerStatus, DeletionPolicy, EmployeeStatus, EmploymentStatus,
  JobStatus, LinkType, OfferStatus, OrganizationKind, SourceSystem,
} from '../../generated/prisma/enums';

export {
  CandidateStatus, ConsentStatus, CustomerStatus, DeletionPolicy, EmployeeStatus, EmploymentStatus,
  JobStatus, LinkType, OfferStatus, OrganizationKind, SourceSystem,
};

registerEnumType(SourceSystem, { name: 'SourceSystem', description: 'A system of record that sends or owns data.' });
registerEnumType(CandidateStatus, { name: 'CandidateStatus' });
registerEnumType(EmployeeStatus, { name: 'EmployeeStatus' });
registerEnumType(CustomerStatus, { name: 'CustomerStatus' });
registerEnumType(DeletionPolicy, { name: 'DeletionPolicy' });
registerEnumType(LinkType, { name: 'LinkType', description: 'How a source record was linked to its golden person.' });
registerEnumType(OrganizationKind, { name: 'OrganizationKind' });
registerEnumType(JobStatus, { name: 'JobStatus' });
registerEnumType(EmploymentStatus, { name: 'EmploymentStatus' });
registerEnumType(OfferStatus, { name: 'OfferStatus' });
registerEnumType(ConsentStatus, { name: 'ConsentStatus' });
