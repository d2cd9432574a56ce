// Per-request loaders of the person subgraph.
import { defineByForeignKeyLoader, defineRowByIdLoader } from '../../shared/loaders';
import { findExternalIdsByPersonIds, findSourceRecordsByPersonIds, PERSON_ROWS } from './people';

export const personById = defineRowByIdLoader('person.byId', PERSON_ROWS);
export const externalIdsByPerson = defineByForeignKeyLoader('person.externalIds', 'personId', findExternalIdsByPersonIds);
export const sourceRecordsByPerson = defineByForeignKeyLoader('person.sourceRecords', 'personId', findSourceRecordsByPersonIds);
