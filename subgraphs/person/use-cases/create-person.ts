// Creates a golden person from one or more source records already known to belong together (demo
// data and test fixtures), computing its golden record. Ingestion creates people through store/ingest-store.ts.
import type { FeatureDerivation } from '../../../core/identity/extract-match-features';
import type { PersonAttributes } from '../../../core/identity/types';
import type { Tx } from '../../../platform/database';
import { newId } from '../../../platform/ids';
import { appendAudit, enqueueEvents, type ChangeMeta } from '../../shared/change-log';
import type { CandidateStatus, CustomerStatus, LinkType, SourceSystem } from '../../shared/enums';
import { recomputeGoldenPerson } from '../store/golden-record';
import { createEmptyPerson } from '../store/people';
import { insertSourceRecord } from '../store/source-records';

export interface PersonSourceInput {
  system: SourceSystem;
  sourceId: string;
  sourceTimestamp: Date;
  attributes: PersonAttributes;
}

export interface CreatePersonInput {
  id?: string;
  region?: string | null;
  candidateStatus?: CandidateStatus;
  customerStatus?: CustomerStatus;
  sources: PersonSourceInput[];
  /** How the second and later sources were linked to the first. */
  linkType?: LinkType;
  linkKey?: string | null;
  /** How features are derived and phones read (config.matching): as ingestion does. */
  matching: FeatureDerivation;
}

export async function createPersonWithSources(tx: Tx, meta: ChangeMeta, input: CreatePersonInput): Promise<{ personId: string; sourceRecordIds: string[] }> {
  const personId = input.id ?? newId();
  await createEmptyPerson(tx, { id: personId, region: input.region ?? null, candidateStatus: input.candidateStatus ?? 'NONE', customerStatus: input.customerStatus ?? 'NONE' });
  await appendAudit(tx, meta, [{ type: 'PersonCreated', entityType: 'Person', entityId: personId }]);
  const sourceRecordIds: string[] = [];
  for (const [i, s] of input.sources.entries()) {
    sourceRecordIds.push(
      await insertSourceRecord(tx, {
        personId, system: s.system, sourceId: s.sourceId, attributes: s.attributes, sourceTimestamp: s.sourceTimestamp,
        linkType: i === 0 ? 'NEW' : (input.linkType ?? 'MANUAL'),
        linkKey: i === 0 ? null : (input.linkKey ?? null),
      }, meta.actorId, input.matching),
    );
  }
  await recomputeGoldenPerson(tx, personId, meta, { defaultRegion: input.matching.defaultRegion });
  await enqueueEvents(tx, meta, [{
    type: 'PersonCreated', aggregateType: 'Person', aggregateId: personId,
    payload: { id: personId, systems: input.sources.map((s) => s.system) },
  }]);
  return { personId, sourceRecordIds };
}
