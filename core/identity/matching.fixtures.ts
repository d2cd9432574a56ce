import type { PersonAttributes } from './types';

/** Literal people for matcher tests. */
export const ROBERT_SMITH: PersonAttributes = {
  givenName: 'Robert', familyName: 'Smith', birthDate: '1980-03-14', email: 'robert.smith+crm@example.com',
  phone: '(415) 555-2671', city: 'San Francisco', postcode: '94110', street: '12 Valencia Street',
  nationalIdHash: 'h-123456789', employer: 'Acme Corp',
};

export const BOB_SMITH: PersonAttributes = {
  givenName: 'Bob', familyName: 'Smith', birthDate: '1980-03-14', email: 'Robert.Smith@example.com',
  phone: '+1 415 555 2671', city: 'San Francisco',
};

/** A namesake a generation older (father and son). */
export const ROBERT_SMITH_OTHER: PersonAttributes = {
  givenName: 'Robert', familyName: 'Smith', birthDate: '1955-11-02', city: 'San Francisco',
};
