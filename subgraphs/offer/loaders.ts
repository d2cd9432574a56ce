import { defineByForeignKeyLoader, defineByIdLoader } from '../shared/loaders';
import * as repo from './repository';

export const offerById = defineByIdLoader('offer.byId', repo.findOffersByIds);
export const offersByPerson = defineByForeignKeyLoader('offer.byPerson', 'personId', repo.findOffersByPersonIds);
export const offersByJob = defineByForeignKeyLoader('offer.byJob', 'jobId', repo.findOffersByJobIds);
