import { defineByForeignKeyLoader, defineByIdLoader, defineRowsByForeignKeyLoader } from '../shared/loaders';
import * as repo from './repository';

export const offerById = defineByIdLoader('offer.byId', repo.findOffersByIds);
export const offersByPerson = defineRowsByForeignKeyLoader('offer.byPerson', repo.OFFER_ROWS, 'personId', '"id" ASC');
export const offersByJob = defineByForeignKeyLoader('offer.byJob', 'jobId', repo.findOffersByJobIds);
