// The demo data set loaded on first start: people seen by the CRM, the ATS and the HRIS (with the
// variations real systems have: nicknames, personal vs work e-mail, missing fields), their
// organizations, requisitions, employments and offers. Deterministic: no randomness, fixed dates.

export type DemoSystem = 'CRM' | 'ATS' | 'HRIS';

export interface DemoSource {
  system: DemoSystem;
  sourceId: string;
  givenName: string;
  familyName: string;
  middleName?: string;
  preferredName?: string;
  email?: string;
  emailVerified?: boolean;
  phone?: string;
  birthDate?: string;
  nationality?: string;
  preferredLanguage?: string;
  city?: string;
  country?: string;
  sourceTimestamp: string;
}

export interface DemoPerson {
  key: string;
  sources: DemoSource[];
  /** HRIS employment, if employed. */
  employment?: { org: string; externalId: string; employeeNumber: string; title: string; department: string; status: 'ACTIVE' | 'ON_LEAVE' | 'TERMINATED' | 'PENDING'; hireDate: string; endDate?: string; salary: string; currency: string; manager?: string; job?: string };
  /** ATS offer, if offered. */
  offer?: { job: string; externalId: string; status: 'DRAFT' | 'EXTENDED' | 'ACCEPTED' | 'DECLINED' | 'WITHDRAWN'; salary: string; currency: string; startDate?: string };
  candidateStatus?: 'APPLICANT' | 'INTERVIEWING' | 'REJECTED';
  customerStatus?: 'LEAD' | 'CONTACT' | 'CUSTOMER';
}

export const DEMO_ORGANIZATIONS = [
  { key: 'acme', system: 'HRIS', externalId: 'LE-ACME-DE', name: 'Acme Robotics GmbH', legalName: 'Acme Robotics GmbH', domain: 'acme-robotics.example', industry: 'Robotics', kind: 'EMPLOYER', country: 'DE', region: 'EU' },
  { key: 'acme-us', system: 'HRIS', externalId: 'LE-ACME-US', name: 'Acme Robotics Inc.', legalName: 'Acme Robotics Inc.', domain: 'acme-robotics.example', industry: 'Robotics', kind: 'EMPLOYER', country: 'US', region: 'US', parent: 'acme' },
  { key: 'globex', system: 'CRM', externalId: 'ACC-1001', name: 'Globex Corporation', legalName: 'Globex Corporation', domain: 'globex.example', industry: 'Energy', kind: 'CUSTOMER', country: 'US', region: 'US' },
  { key: 'initech', system: 'CRM', externalId: 'ACC-1002', name: 'Initech', legalName: 'Initech LLC', domain: 'initech.example', industry: 'Software', kind: 'CUSTOMER', country: 'US', region: 'US' },
  { key: 'umbrella', system: 'CRM', externalId: 'ACC-1003', name: 'Umbrella Health', legalName: 'Umbrella Health SE', domain: 'umbrella-health.example', industry: 'Healthcare', kind: 'CUSTOMER', country: 'FR', region: 'EU' },
] as const;

export const DEMO_JOBS = [
  { key: 'eng-backend', externalId: 'REQ-2001', org: 'acme', title: 'Senior Backend Engineer', department: 'Engineering', location: 'Berlin', status: 'OPEN', min: '75000.00', max: '95000.00', currency: 'EUR', skills: ['TypeScript', 'PostgreSQL', 'GraphQL'], manager: 'p01' },
  { key: 'eng-frontend', externalId: 'REQ-2002', org: 'acme', title: 'Frontend Engineer', department: 'Engineering', location: 'Berlin', status: 'OPEN', min: '60000.00', max: '80000.00', currency: 'EUR', skills: ['React', 'TypeScript'], manager: 'p01' },
  { key: 'data-sci', externalId: 'REQ-2003', org: 'acme', title: 'Data Scientist', department: 'Data', location: 'Munich', status: 'OPEN', min: '70000.00', max: '90000.00', currency: 'EUR', skills: ['Python', 'Statistics'], manager: 'p02' },
  { key: 'sales-us', externalId: 'REQ-2004', org: 'acme-us', title: 'Account Executive', department: 'Sales', location: 'Austin', status: 'OPEN', min: '90000.00', max: '120000.00', currency: 'USD', skills: ['B2B sales'], manager: 'p03' },
  { key: 'recruiter', externalId: 'REQ-2005', org: 'acme', title: 'Technical Recruiter', department: 'People', location: 'Berlin', status: 'FILLED', min: '55000.00', max: '70000.00', currency: 'EUR', skills: ['Sourcing'], manager: 'p04' },
  { key: 'support-us', externalId: 'REQ-2006', org: 'acme-us', title: 'Support Engineer', department: 'Customer Success', location: 'Remote (US)', status: 'ON_HOLD', min: '65000.00', max: '85000.00', currency: 'USD', skills: ['Linux', 'Networking'], manager: 'p03' },
] as const;

const T0 = '2026-01-15T09:00:00.000Z';
const T1 = '2026-03-02T14:30:00.000Z';
const T2 = '2026-06-20T08:15:00.000Z';

function hris(sourceId: string, s: Omit<DemoSource, 'system' | 'sourceId' | 'sourceTimestamp'>, ts = T1): DemoSource {
  return { system: 'HRIS', sourceId, sourceTimestamp: ts, ...s };
}
function ats(sourceId: string, s: Omit<DemoSource, 'system' | 'sourceId' | 'sourceTimestamp'>, ts = T2): DemoSource {
  return { system: 'ATS', sourceId, sourceTimestamp: ts, ...s };
}
function crm(sourceId: string, s: Omit<DemoSource, 'system' | 'sourceId' | 'sourceTimestamp'>, ts = T0): DemoSource {
  return { system: 'CRM', sourceId, sourceTimestamp: ts, ...s };
}

export const DEMO_PEOPLE: DemoPerson[] = [
  // Managers and long-standing employees (HRIS, some also in the CRM as contacts).
  { key: 'p01', sources: [hris('E1001', { givenName: 'Katharina', familyName: 'Schulz', preferredName: 'Kathi', email: 'k.schulz@acme-robotics.example', emailVerified: true, phone: '+49 30 901820', birthDate: '1981-04-12', nationality: 'DE', preferredLanguage: 'de', city: 'Berlin', country: 'DE' }), crm('C-501', { givenName: 'Kathi', familyName: 'Schulz', email: 'k.schulz@acme-robotics.example', phone: '+49 30 901820', city: 'Berlin', country: 'DE' })],
    employment: { org: 'acme', externalId: 'EMP-1001', employeeNumber: 'E1001', title: 'VP Engineering', department: 'Engineering', status: 'ACTIVE', hireDate: '2016-02-01', salary: '145000.00', currency: 'EUR' } },
  { key: 'p02', sources: [hris('E1002', { givenName: 'Jonas', familyName: 'Becker', email: 'j.becker@acme-robotics.example', emailVerified: true, phone: '+49 89 2180 1234', birthDate: '1985-09-03', nationality: 'DE', preferredLanguage: 'de', city: 'Munich', country: 'DE' })],
    employment: { org: 'acme', externalId: 'EMP-1002', employeeNumber: 'E1002', title: 'Head of Data', department: 'Data', status: 'ACTIVE', hireDate: '2018-07-15', salary: '118000.00', currency: 'EUR', manager: 'p01' } },
  { key: 'p03', sources: [hris('U2001', { givenName: 'Robert', familyName: 'Miller', preferredName: 'Bob', email: 'bob.miller@acme-robotics.example', emailVerified: true, phone: '+1 512 555 0101', birthDate: '1979-11-23', nationality: 'US', preferredLanguage: 'en', city: 'Austin', country: 'US' }), crm('C-502', { givenName: 'Bob', familyName: 'Miller', email: 'bob.miller@acme-robotics.example', phone: '(512) 555-0101', city: 'Austin', country: 'US' })],
    employment: { org: 'acme-us', externalId: 'EMP-2001', employeeNumber: 'U2001', title: 'VP Sales Americas', department: 'Sales', status: 'ACTIVE', hireDate: '2019-03-11', salary: '160000.00', currency: 'USD', manager: 'p01' } },
  { key: 'p04', sources: [hris('E1003', { givenName: 'Elizabeth', familyName: 'Wagner', preferredName: 'Liz', email: 'e.wagner@acme-robotics.example', emailVerified: true, phone: '+49 30 901821', birthDate: '1988-01-30', nationality: 'AT', preferredLanguage: 'de', city: 'Berlin', country: 'DE' }), ats('A-9001', { givenName: 'Liz', familyName: 'Wagner', email: 'liz.wagner@mail.example', phone: '+49 151 2345 6789', city: 'Berlin', country: 'DE' }, T0)],
    employment: { org: 'acme', externalId: 'EMP-1003', employeeNumber: 'E1003', title: 'Head of People', department: 'People', status: 'ACTIVE', hireDate: '2020-10-01', salary: '98000.00', currency: 'EUR', manager: 'p01' } },
  { key: 'p05', sources: [hris('E1004', { givenName: 'Mehmet', familyName: 'Yilmaz', email: 'm.yilmaz@acme-robotics.example', emailVerified: true, phone: '+49 30 901822', birthDate: '1990-06-18', nationality: 'TR', preferredLanguage: 'de', city: 'Berlin', country: 'DE' })],
    employment: { org: 'acme', externalId: 'EMP-1004', employeeNumber: 'E1004', title: 'Staff Engineer', department: 'Engineering', status: 'ACTIVE', hireDate: '2017-05-02', salary: '112000.00', currency: 'EUR', manager: 'p01', job: 'eng-backend' } },
  { key: 'p06', sources: [hris('E1005', { givenName: 'Sophie', familyName: 'Dubois', email: 's.dubois@acme-robotics.example', emailVerified: true, phone: '+33 1 42 68 53 00', birthDate: '1992-12-05', nationality: 'FR', preferredLanguage: 'fr', city: 'Berlin', country: 'DE' })],
    employment: { org: 'acme', externalId: 'EMP-1005', employeeNumber: 'E1005', title: 'Frontend Engineer', department: 'Engineering', status: 'ON_LEAVE', hireDate: '2021-09-01', salary: '72000.00', currency: 'EUR', manager: 'p01', job: 'eng-frontend' } },
  { key: 'p07', sources: [hris('E1006', { givenName: 'Lukas', familyName: 'Hoffmann', email: 'l.hoffmann@acme-robotics.example', emailVerified: true, phone: '+49 30 901823', birthDate: '1987-03-14', nationality: 'DE', preferredLanguage: 'de', city: 'Berlin', country: 'DE' })],
    employment: { org: 'acme', externalId: 'EMP-1006', employeeNumber: 'E1006', title: 'Data Engineer', department: 'Data', status: 'TERMINATED', hireDate: '2019-01-07', endDate: '2025-12-31', salary: '81000.00', currency: 'EUR', manager: 'p02' } },
  { key: 'p08', sources: [hris('E1007', { givenName: 'Anna', familyName: 'Kowalska', email: 'a.kowalska@acme-robotics.example', emailVerified: true, phone: '+48 22 555 01 23', birthDate: '1994-08-09', nationality: 'PL', preferredLanguage: 'pl', city: 'Munich', country: 'DE' })],
    employment: { org: 'acme', externalId: 'EMP-1007', employeeNumber: 'E1007', title: 'Data Scientist', department: 'Data', status: 'ACTIVE', hireDate: '2022-04-01', salary: '79000.00', currency: 'EUR', manager: 'p02', job: 'data-sci' } },
  { key: 'p09', sources: [hris('U2002', { givenName: 'William', familyName: 'Johnson', preferredName: 'Bill', email: 'w.johnson@acme-robotics.example', emailVerified: true, phone: '+1 512 555 0102', birthDate: '1983-02-17', nationality: 'US', preferredLanguage: 'en', city: 'Austin', country: 'US' }), crm('C-503', { givenName: 'Bill', familyName: 'Johnson', email: 'bill.johnson@globex.example', phone: '+1 512 555 0102', city: 'Austin', country: 'US' })],
    employment: { org: 'acme-us', externalId: 'EMP-2002', employeeNumber: 'U2002', title: 'Account Executive', department: 'Sales', status: 'ACTIVE', hireDate: '2021-06-14', salary: '104000.00', currency: 'USD', manager: 'p03', job: 'sales-us' } },
  { key: 'p10', sources: [hris('U2003', { givenName: 'Maria', familyName: 'Garcia', email: 'm.garcia@acme-robotics.example', emailVerified: true, phone: '+1 737 555 0133', birthDate: '1991-10-02', nationality: 'US', preferredLanguage: 'es', city: 'Austin', country: 'US' })],
    employment: { org: 'acme-us', externalId: 'EMP-2003', employeeNumber: 'U2003', title: 'Support Engineer', department: 'Customer Success', status: 'ACTIVE', hireDate: '2023-02-20', salary: '78000.00', currency: 'USD', manager: 'p03' } },
  // Hired through the ATS: candidate record, accepted offer, then HRIS employment.
  { key: 'p11', sources: [ats('A-9101', { givenName: 'Thomas', familyName: 'Nguyen', email: 'tom.nguyen@mail.example', phone: '+49 176 1111 2222', city: 'Berlin', country: 'DE' }, T0), hris('E1008', { givenName: 'Thomas', familyName: 'Nguyen', preferredName: 'Tom', email: 't.nguyen@acme-robotics.example', emailVerified: true, phone: '+49 176 1111 2222', birthDate: '1995-05-21', nationality: 'VN', city: 'Berlin', country: 'DE' })],
    offer: { job: 'recruiter', externalId: 'OFF-3001', status: 'ACCEPTED', salary: '62000.00', currency: 'EUR', startDate: '2026-04-01' },
    employment: { org: 'acme', externalId: 'EMP-1008', employeeNumber: 'E1008', title: 'Technical Recruiter', department: 'People', status: 'ACTIVE', hireDate: '2026-04-01', salary: '62000.00', currency: 'EUR', manager: 'p04', job: 'recruiter' } },
  // Candidates in the ATS pipeline (some also known to the CRM).
  { key: 'p12', sources: [ats('A-9102', { givenName: 'Priya', familyName: 'Sharma', email: 'priya.sharma@mail.example', phone: '+44 20 7946 0011', birthDate: '1993-07-11', city: 'London', country: 'GB' })], offer: { job: 'eng-backend', externalId: 'OFF-3002', status: 'EXTENDED', salary: '90000.00', currency: 'EUR', startDate: '2026-09-01' } },
  { key: 'p13', sources: [ats('A-9103', { givenName: 'Daniel', familyName: 'Okafor', email: 'd.okafor@mail.example', phone: '+44 20 7946 0012', city: 'London', country: 'GB' })], offer: { job: 'eng-frontend', externalId: 'OFF-3003', status: 'DECLINED', salary: '70000.00', currency: 'EUR' } },
  { key: 'p14', sources: [ats('A-9104', { givenName: 'Chloé', familyName: 'Martin', email: 'chloe.martin@mail.example', phone: '+33 6 12 34 56 78', city: 'Lyon', country: 'FR' }), crm('C-504', { givenName: 'Chloe', familyName: 'Martin', email: 'chloe.martin@umbrella-health.example', phone: '+33 6 12 34 56 78', city: 'Lyon', country: 'FR' })], offer: { job: 'data-sci', externalId: 'OFF-3004', status: 'EXTENDED', salary: '82000.00', currency: 'EUR', startDate: '2026-10-01' } },
  { key: 'p15', sources: [ats('A-9105', { givenName: 'James', familyName: 'Smith', email: 'jim.smith@mail.example', phone: '+1 415 555 0190', birthDate: '1990-03-08', city: 'San Francisco', country: 'US' })], offer: { job: 'sales-us', externalId: 'OFF-3005', status: 'DRAFT', salary: '95000.00', currency: 'USD' } },
  { key: 'p16', sources: [ats('A-9106', { givenName: 'James', familyName: 'Smith', email: 'james.smith@mail.example', phone: '+1 212 555 0147', birthDate: '1972-11-30', city: 'New York', country: 'US' })], candidateStatus: 'INTERVIEWING' },
  { key: 'p17', sources: [ats('A-9107', { givenName: 'Fatima', familyName: 'Haddad', email: 'fatima.haddad@mail.example', phone: '+49 160 9876 5432', city: 'Hamburg', country: 'DE' })], candidateStatus: 'APPLICANT' },
  { key: 'p18', sources: [ats('A-9108', { givenName: 'Oliver', familyName: 'Brown', email: 'oliver.brown@mail.example', phone: '+44 161 496 0000', city: 'Manchester', country: 'GB' })], candidateStatus: 'REJECTED' },
  { key: 'p19', sources: [ats('A-9109', { givenName: 'Yuki', familyName: 'Tanaka', email: 'yuki.tanaka@mail.example', phone: '+49 172 5555 0101', city: 'Berlin', country: 'DE' })], candidateStatus: 'INTERVIEWING' },
  { key: 'p20', sources: [ats('A-9110', { givenName: 'Margaret', familyName: 'Oconnor', preferredName: 'Peggy', email: 'peggy.oconnor@mail.example', phone: '+353 1 555 0100', city: 'Dublin', country: 'IE' }), crm('C-505', { givenName: 'Peggy', familyName: "O'Connor", email: 'peggy.oconnor@mail.example', city: 'Dublin', country: 'IE' })], candidateStatus: 'APPLICANT' },
  { key: 'p21', sources: [ats('A-9111', { givenName: 'Lucas', familyName: 'Silva', email: 'lucas.silva@mail.example', phone: '+351 21 555 0101', city: 'Lisbon', country: 'PT' })], offer: { job: 'support-us', externalId: 'OFF-3006', status: 'WITHDRAWN', salary: '70000.00', currency: 'USD' } },
  { key: 'p22', sources: [ats('A-9112', { givenName: 'Emma', familyName: 'Fischer', email: 'emma.fischer@mail.example', phone: '+49 151 4444 3333', city: 'Cologne', country: 'DE' })], candidateStatus: 'APPLICANT' },
  // Customer contacts in the CRM.
  { key: 'p23', sources: [crm('C-601', { givenName: 'Hank', familyName: 'Scorpio', email: 'hank@globex.example', emailVerified: true, phone: '+1 503 555 0111', city: 'Cypress Creek', country: 'US' })], customerStatus: 'CUSTOMER' },
  { key: 'p24', sources: [crm('C-602', { givenName: 'Peter', familyName: 'Gibbons', email: 'peter.gibbons@initech.example', emailVerified: true, phone: '+1 512 555 0177', city: 'Austin', country: 'US' })], customerStatus: 'CUSTOMER' },
  { key: 'p25', sources: [crm('C-603', { givenName: 'Samir', familyName: 'Nagheenanajar', email: 'samir@initech.example', phone: '+1 512 555 0178', city: 'Austin', country: 'US' })], customerStatus: 'CONTACT' },
  { key: 'p26', sources: [crm('C-604', { givenName: 'Alice', familyName: 'Moreau', email: 'alice.moreau@umbrella-health.example', emailVerified: true, phone: '+33 1 70 36 00 00', city: 'Paris', country: 'FR' })], customerStatus: 'CUSTOMER' },
  { key: 'p27', sources: [crm('C-605', { givenName: 'Giulia', familyName: 'Rossi', email: 'giulia.rossi@umbrella-health.example', phone: '+39 02 5555 0101', city: 'Milan', country: 'IT' })], customerStatus: 'LEAD' },
  { key: 'p28', sources: [crm('C-606', { givenName: 'Richard', familyName: 'Hendricks', preferredName: 'Dick', email: 'richard@globex.example', phone: '+1 650 555 0133', city: 'Palo Alto', country: 'US' })], customerStatus: 'LEAD' },
  { key: 'p29', sources: [crm('C-607', { givenName: 'Ingrid', familyName: 'Larsen', email: 'ingrid.larsen@globex.example', phone: '+47 22 55 01 01', city: 'Oslo', country: 'NO' })], customerStatus: 'CONTACT' },
  { key: 'p30', sources: [crm('C-608', { givenName: 'Kenji', familyName: 'Watanabe', email: 'k.watanabe@initech.example', phone: '+81 3 5555 0101', city: 'Tokyo', country: 'JP' })], customerStatus: 'CONTACT' },
  // People in all three systems: candidate turned employee who is also a customer contact.
  { key: 'p31', sources: [crm('C-609', { givenName: 'Nicholas', familyName: 'Adams', preferredName: 'Nick', email: 'nick.adams@mail.example', phone: '+1 512 555 0190', city: 'Austin', country: 'US' }), ats('A-9113', { givenName: 'Nick', familyName: 'Adams', email: 'nick.adams@mail.example', phone: '+1 512 555 0190', birthDate: '1989-12-12', city: 'Austin', country: 'US' }, T1), hris('U2004', { givenName: 'Nicholas', familyName: 'Adams', email: 'n.adams@acme-robotics.example', emailVerified: true, phone: '+1 512 555 0190', birthDate: '1989-12-12', nationality: 'US', city: 'Austin', country: 'US' }, T2)],
    offer: { job: 'support-us', externalId: 'OFF-3007', status: 'ACCEPTED', salary: '80000.00', currency: 'USD', startDate: '2026-07-01' },
    employment: { org: 'acme-us', externalId: 'EMP-2004', employeeNumber: 'U2004', title: 'Support Engineer', department: 'Customer Success', status: 'PENDING', hireDate: '2026-07-01', salary: '80000.00', currency: 'USD', manager: 'p03', job: 'support-us' } },
  { key: 'p32', sources: [crm('C-610', { givenName: 'Sarah', familyName: 'Connor', email: 'sarah.connor@mail.example', phone: '+1 213 555 0175' }), ats('A-9114', { givenName: 'Sarah', familyName: 'Connor', email: 'sarah.connor@mail.example', phone: '+1 213 555 0175', birthDate: '1984-05-13', city: 'Los Angeles', country: 'US' })], candidateStatus: 'INTERVIEWING', customerStatus: 'CONTACT' },
  { key: 'p33', sources: [hris('E1009', { givenName: 'Stefan', familyName: 'Müller', email: 's.mueller@acme-robotics.example', emailVerified: true, phone: '+49 30 901824', birthDate: '1986-02-28', nationality: 'DE', preferredLanguage: 'de', city: 'Berlin', country: 'DE' })],
    employment: { org: 'acme', externalId: 'EMP-1009', employeeNumber: 'E1009', title: 'Backend Engineer', department: 'Engineering', status: 'ACTIVE', hireDate: '2020-01-06', salary: '84000.00', currency: 'EUR', manager: 'p05', job: 'eng-backend' } },
  { key: 'p34', sources: [hris('E1010', { givenName: 'Laura', familyName: 'Rossi', email: 'l.rossi@acme-robotics.example', emailVerified: true, phone: '+49 30 901825', birthDate: '1996-09-17', nationality: 'IT', preferredLanguage: 'it', city: 'Berlin', country: 'DE' })],
    employment: { org: 'acme', externalId: 'EMP-1010', employeeNumber: 'E1010', title: 'Junior Frontend Engineer', department: 'Engineering', status: 'ACTIVE', hireDate: '2025-08-01', salary: '56000.00', currency: 'EUR', manager: 'p05' } },
  { key: 'p35', sources: [ats('A-9115', { givenName: 'Ahmed', familyName: 'Hassan', email: 'ahmed.hassan@mail.example', phone: '+49 157 3333 2222', city: 'Berlin', country: 'DE' })], offer: { job: 'eng-backend', externalId: 'OFF-3008', status: 'EXTENDED', salary: '88000.00', currency: 'EUR', startDate: '2026-11-01' } },
  { key: 'p36', sources: [crm('C-611', { givenName: 'Zoe', familyName: 'Clarke', email: 'zoe.clarke@initech.example', phone: '+44 20 7946 0099', city: 'London', country: 'GB' })], customerStatus: 'LEAD' },
];

/**
 * Records sent through the real ingest pipeline after the people above exist, so the demo shows
 * identity resolution at work: a CRM contact that matches an ATS candidate automatically, and a legacy
 * HRIS record whose birth date conflicts with the person it otherwise matches (a steward's review task).
 */
export const DEMO_INGESTS: DemoSource[] = [
  crm('C-612', { givenName: 'Priya', familyName: 'Sharma', email: 'priya.sharma@mail.example', phone: '+44 20 7946 0011', city: 'London', country: 'GB' }, T2),
  hris('E0999', { givenName: 'Elizabeth', familyName: 'Wagner', email: 'e.wagner@acme-robotics.example', phone: '+49 30 901821', birthDate: '1963-10-30', nationality: 'AT', city: 'Berlin', country: 'DE' }, T0),
];
