// Per-request loaders of the person subgraph.
import { defineByForeignKeyLoader, defineByIdLoader } from '../shared/loaders';
import { findExternalIdsByPersonIds, findPeopleByIds, findSourceRecordsByPersonIds } from './repository';

export const personById = defineByIdLoader('person.byId', findPeopleByIds);
export const externalIdsByPerson = defineByForeignKeyLoader('person.externalIds', 'personId', findExternalIdsByPersonIds);
export const sourceRecordsByPerson = defineByForeignKeyLoader('person.sourceRecords', 'personId', findSourceRecordsByPersonIds);
