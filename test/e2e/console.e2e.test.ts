// The steward and auditor console in a real browser (Debian's chromium), against the real stack with
// the demo data: a steward works the demo's pending review by keyboard and unmerges it again, an
// auditor traces a golden legal name to its HRIS source record, a reader sees exactly the API's
// masks and no actions (and the API refuses the actions anyway). axe-core checks every screen;
// the screenshots in docs/screenshots come from here.
import type { Browser, Page } from 'playwright-core';
import { startTestStack, type TestStack } from '../support/stack';
import { ensureConsoleBuilt } from '../../console/e2e/build-console';
import { closeBrowser, hasChromium, launchBrowser, openConsole, screenshot, seriousViolations, signInAs, tokenOf, type ConsolePage } from '../../console/e2e/browser';

const describeInBrowser = hasChromium() ? describe : describe.skip;
// A browser on a shared two-core machine: room beyond the suite's default per test.
jest.setTimeout(120_000);
if (!hasChromium()) {
  // eslint-disable-next-line no-console
  console.warn('Skipping the console browser tests: /usr/bin/chromium is not installed (apt-get install chromium; .ci/run does it).');
}

let stack: TestStack;
let browser: Browser;
let consoleUrl: string;

beforeAll(async () => {
  if (!hasChromium()) return;
  await ensureConsoleBuilt();
  [stack, browser] = await Promise.all([startTestStack({ seed: true }), launchBrowser()]);
  consoleUrl = stack.gatewayUrl.replace(/\/graphql$/, '/console/');
}, 120_000);

afterAll(async () => {
  await closeBrowser(browser);
  await stack?.stop();
});

async function open(viewport?: { width: number; height: number }): Promise<ConsolePage> {
  return openConsole(browser, consoleUrl, viewport);
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

async function personIdByExternalId(system: string, externalId: string): Promise<string> {
  const res = await stack.gql(`query($s: SourceSystem!, $x: String!) { personByExternalId(system: $s, externalId: $x) { id } }`, { s: system, x: externalId });
  return res.body.data!.personByExternalId.id;
}

async function sourceRecordsOf(personId: string): Promise<string[]> {
  const res = await stack.gql(`query($id: ID!) { person(id: $id) { sourceRecords { system sourceId } } }`, { id: personId });
  return (res.body.data!.person.sourceRecords as { system: string; sourceId: string }[]).map((r) => `${r.system} ${r.sourceId}`).sort();
}

/** A review task: a legacy HRIS record matching a new HRIS employee on everything but the birth date (as in the demo). */
async function queueReview(): Promise<void> {
  const person = { givenName: 'Grace', familyName: 'Hopkinson', email: 'grace.hopkinson@mail.example', phone: '+1 415 555 3002', birthDate: '1962-04-12' };
  const ingest = `mutation($i: IngestPersonRecordInput!) { ingestPersonRecord(input: $i) { decision } }`;
  const hris = await stack.gql(ingest, { i: { system: 'HRIS', sourceId: 'E-CONSOLE-REVIEW', sourceTimestamp: '2026-01-01T00:00:00Z', attributes: person } }, await stack.as('hris', { system: 'HRIS' }));
  expect(hris.body.data!.ingestPersonRecord.decision).toBe('CREATED');
  const legacy = await stack.gql(ingest, { i: { system: 'HRIS', sourceId: 'E-CONSOLE-LEGACY', sourceTimestamp: '2026-01-02T00:00:00Z', attributes: { ...person, birthDate: '1981-02-03' } } }, await stack.as('hris', { system: 'HRIS' }));
  expect(legacy.body.data!.ingestPersonRecord.decision).toBe('REVIEW_QUEUED');
}

/** Signs in with Tab and Enter only (the role picker starts on steward). */
async function signInWithKeyboard(page: Page, role: string): Promise<void> {
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.textContent ?? '')) === `Sign in as ${role}`) break;
  }
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** The ATS's applicant accepts an offer and the HRIS creates the employment; returns the person id. */
async function candidateHired(): Promise<string> {
  const ats = await stack.as('ats', { system: 'ATS', sub: 'ats-client' });
  const hris = await stack.as('hris', { system: 'HRIS', sub: 'hris-client' });
  const ok = async (query: string, variables: Record<string, unknown>, headers: Record<string, string>) => {
    const res = await stack.gql(query, variables, headers);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!;
  };
  const created = await ok(`mutation($i: IngestPersonRecordInput!) { ingestPersonRecord(input: $i) { personId decision } }`, {
    i: { system: 'ATS', sourceId: 'APP-CONSOLE-1', sourceTimestamp: '2026-03-01T09:00:00Z', attributes: { givenName: 'Katherine', familyName: 'Quenneville', email: 'k.quenneville@mail.example', phone: '+1 415 555 2368' } },
  }, ats);
  const personId = created.ingestPersonRecord.personId as string;
  const flow = { 'x-correlation-id': personId };
  const org = await ok(`mutation($i: UpsertOrganizationInput!) { upsertOrganization(input: $i) { organization { id } } }`, { i: { system: 'HRIS', externalId: 'LE-CONSOLE', name: 'Console Test GmbH', country: 'DE' } }, hris);
  const organizationId = org.upsertOrganization.organization.id as string;
  const job = await ok(`mutation($i: UpsertJobInput!) { upsertJob(input: $i) { job { id } } }`, { i: { system: 'ATS', externalId: 'REQ-CONSOLE', title: 'Flight Analyst', organizationId } }, ats);
  for (const status of ['EXTENDED', 'ACCEPTED']) {
    await ok(`mutation($i: UpsertOfferInput!) { upsertOffer(input: $i) { offer { id } } }`, {
      i: { system: 'ATS', externalId: 'OFF-CONSOLE', personId, jobId: job.upsertJob.job.id, status, startDate: '2026-06-01' },
    }, { ...ats, ...flow });
  }
  await ok(`mutation($i: UpsertEmploymentInput!) { upsertEmployment(input: $i) { employment { id } } }`, {
    i: { system: 'HRIS', externalId: 'EMP-CONSOLE', personId, organizationId, jobId: job.upsertJob.job.id, title: 'Flight Analyst', status: 'PENDING', hireDate: '2026-06-01' },
  }, { ...hris, ...flow });
  return personId;
}

describeInBrowser('console', () => {
  it('a steward resolves the pending review as Same person with one keystroke, sees the merged records, and unmerges them again', async () => {
    const { page, problems } = await open();
    await page.getByRole('heading', { name: 'PeopleGraph console' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'sign-in');
    // A second task behind the demo's: a legacy HRIS record of a new employee with another birth date.
    await queueReview();
    await signInWithKeyboard(page, 'steward');

    // The demo's pending review: the legacy HRIS record of Elizabeth Wagner with a conflicting birth
    // date, which a steward sees as its year only (as the API masks it for this role).
    await page.getByRole('heading', { name: /HRIS E0999 and Elizabeth Wagner/ }).waitFor();
    const sideBySide = page.getByRole('table', { name: 'Source records side by side' });
    await expect(sideBySide.getByRole('columnheader').allInnerTexts()).resolves.toEqual(
      expect.arrayContaining(['Incoming: HRIS E0999', 'Candidate: HRIS E1003', 'Candidate: ATS A-9001']),
    );
    await expect(sideBySide.getByRole('row', { name: /Birth date/ }).innerText()).resolves.toMatch(/Birth date\s+1963\s+1988/);
    // What disagrees with the incoming record stands out (and says so to a screen reader).
    await expect(sideBySide.locator('td.differs').allTextContents()).resolves.toEqual(expect.arrayContaining(['1988 (differs from the incoming record)', 'Liz (differs from the incoming record)']));
    await expect(page.getByRole('img', { name: /Match evidence: .*total/ }).isVisible()).resolves.toBe(true);
    // The model that scored the pair, as the API's explanation names it.
    await page.getByText(/scored by model default/).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'review-queue');

    const wagner = await personIdByExternalId('HRIS', 'E1003');
    const legacy = await personIdByExternalId('HRIS', 'E0999');
    expect(legacy).not.toBe(wagner);

    // Keyboard only: one keystroke per decision, and the next task opens.
    await page.keyboard.press('s');
    await page.getByRole('status').getByText(/Same person: HRIS E0999 merged into Elizabeth Wagner/).waitFor();
    const survivorLink = await page.getByRole('link', { name: 'Open the person' }).getAttribute('href');
    expect(survivorLink).toBe(`/console/people/${wagner}`);
    await page.getByRole('heading', { name: /HRIS E-CONSOLE-LEGACY and Grace Hopkinson/ }).waitFor();
    await page.keyboard.press('n');
    await page.getByRole('status').getByText(/Skipped the review of HRIS E-CONSOLE-LEGACY/).waitFor();
    await page.keyboard.press('d');
    await page.getByRole('status').getByText(/Different people: HRIS E-CONSOLE-LEGACY will not be linked to Grace Hopkinson/).waitFor();
    await page.getByText('No open review tasks. The queue is empty.').waitFor();
    const pending = await stack.gql(`{ matchReviews(status: PENDING) { edges { node { id } } } }`);
    expect(pending.body.data!.matchReviews.edges).toEqual([]);
    const decided = await stack.gql(`{ matchReviews(status: DIFFERENT_PEOPLE) { edges { node { record { sourceId } reason resolvedBy } } } }`);
    expect(decided.body.data!.matchReviews.edges).toEqual([
      { node: { record: { sourceId: 'E-CONSOLE-LEGACY' }, reason: 'Different people: evidence reviewed in the console', resolvedBy: 'console-steward' } },
    ]);
    expect(await sourceRecordsOf(wagner)).toEqual(['ATS A-9001', 'HRIS E0999', 'HRIS E1003']);

    // The survivor's page, by steward search on the name.
    await page.getByRole('link', { name: 'Search' }).click();
    await page.getByLabel('Name contains').fill('wagner');
    await page.keyboard.press('Enter');
    await page.getByRole('table', { name: 'Search results' }).getByRole('link', { name: 'Elizabeth Wagner' }).click();
    await page.getByRole('heading', { level: 1, name: 'Elizabeth Wagner' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(survivorLink);
    const records = page.getByRole('table', { name: 'Source records by system' });
    await expect(records.getByRole('columnheader').allInnerTexts()).resolves.toEqual(['Attribute', 'HRIS E0999', 'HRIS E1003', 'ATS A-9001']);
    await expectAccessible(page);
    await screenshot(page, 'person');

    // Unmerge the legacy record again, with a confirmation and a reason.
    await page.getByRole('button', { name: 'Unmerge HRIS E0999' }).click();
    const dialog = page.getByRole('dialog', { name: 'Unmerge HRIS E0999' });
    await dialog.getByLabel('Reason').fill('Legacy record belongs to a different Elizabeth Wagner');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Unmerge' }).click();
    await page.getByRole('status').getByText('HRIS E0999 was unmerged into a new person.').waitFor();
    await records.getByRole('columnheader', { name: 'HRIS E0999' }).waitFor({ state: 'detached' });
    await expect(records.getByRole('columnheader').allInnerTexts()).resolves.toEqual(['Attribute', 'HRIS E1003', 'ATS A-9001']);
    expect(await sourceRecordsOf(wagner)).toEqual(['ATS A-9001', 'HRIS E1003']);
    const detached = await personIdByExternalId('HRIS', 'E0999');
    expect(detached).not.toBe(wagner);
    expect(await sourceRecordsOf(detached)).toEqual(['HRIS E0999']);
    expect(problems).toEqual([]);
  });

  it('an auditor traces a golden legal name to the HRIS source record and reads its history and flow', async () => {
    const { page, problems } = await open();
    await signInAs(page, 'auditor');
    await page.getByRole('link', { name: 'Search' }).click();
    await page.getByText('External id', { exact: true }).click();
    await page.getByLabel('Id in that system').fill('E1001');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('table', { name: 'Search results' }).getByRole('link').click();
    await page.getByRole('heading', { name: 'Golden record' }).waitFor();

    await page.getByRole('button', { name: 'Where from? Legal name' }).click();
    const lineage = page.getByTestId('lineage');
    await lineage.getByTestId('lineage-winner').waitFor();

    // The console shows what the API tells this auditor's token, no more.
    const id = await personIdByExternalId('HRIS', 'E1001');
    const api = await stack.gql(
      `query($id: ID!) { person(id: $id) { provenance(attribute: LEGAL_NAME) { value system sourceId rule history { type newValue correlationId } } } }`,
      { id },
      { authorization: `Bearer ${await tokenOf(page)}` },
    );
    const prov = api.body.data!.person.provenance;
    expect(prov).toMatchObject({ system: 'HRIS', sourceId: 'E1001' });
    expect(prov.history.length).toBeGreaterThan(0);
    await expect(lineage.getByTestId('lineage-winner').innerText()).resolves.toBe('HRIS E1001');
    await expect(lineage.innerText()).resolves.toContain(prov.rule);
    const items = lineage.getByTestId('lineage-history').locator('.mantine-Timeline-item');
    await expect(items.count()).resolves.toBe(prov.history.length);
    await expectAccessible(page);
    await screenshot(page, 'lineage');

    // Each change links to its flow by correlation id.
    await items.first().getByRole('link').click();
    await page.getByRole('heading', { name: 'The flow as one picture' }).waitFor();
    expect(new URL(page.url()).searchParams.get('correlationId')).toBe(prov.history[0].correlationId);
    // The demo load is one long flow: it reads on page by page.
    await page.getByRole('status').getByText('100 events (first 100)').waitFor();
    await page.getByRole('button', { name: 'Load 100 more' }).click();
    await page.getByRole('status').getByText(/^(1\d\d|200) events/).waitFor();

    // A candidate-to-employee flow (applicant, offer accepted, employment), with the person id as
    // correlation id of every step, reads back as one picture across person, offer and employment.
    const personId = await candidateHired();
    await page.getByLabel('Correlation id').fill(personId);
    await page.getByRole('button', { name: 'Show events' }).click();
    const flow = await stack.gql(`query($c: String) { auditEvents(correlationId: $c, first: 100) { edges { node { entityType } } } }`, { c: personId }, { authorization: `Bearer ${await tokenOf(page)}` });
    const entityTypes = new Set(flow.body.data!.auditEvents.edges.map((e: { node: { entityType: string } }) => e.node.entityType));
    expect([...entityTypes].sort()).toEqual(['Employment', 'Offer', 'Person']);
    await page.getByRole('status').getByText(new RegExp(`^${flow.body.data!.auditEvents.edges.length} events`)).waitFor();
    const picture = await page.getByRole('img', { name: /^Events by entity, in order: / }).getAttribute('aria-label');
    expect(picture).toMatch(/1\. Person PersonCreated.*Offer OfferCreated.*Offer OfferUpdated.*Employment EmploymentCreated/);
    // The chain's verification, as the API reports it for this token.
    await page.getByRole('button', { name: 'Verify the audit log now' }).click();
    const verdict = await page.getByTestId('chain-verification').innerText();
    const verified = await stack.gql(`{ auditLogVerification { ok checked } }`, {}, { authorization: `Bearer ${await tokenOf(page)}` });
    expect(verified.body.data!.auditLogVerification.ok).toBe(true);
    expect(verdict).toMatch(/^Intact · \d+ entries checked/);
    await expectAccessible(page);
    await screenshot(page, 'audit', false);
    expect(problems).toEqual([]);
  });

  it('a reader sees masked values exactly as the API masks them, no action buttons, and the API refuses the actions anyway', async () => {
    const { page, problems } = await open();
    await signInAs(page, 'reader');
    const token = await tokenOf(page);
    const reader = { authorization: `Bearer ${token}` };

    // A reader starts at search; the review queue is not the reader's: the API's refusal is shown,
    // with no decision buttons.
    await page.getByRole('heading', { name: 'Search people' }).waitFor();
    await page.getByRole('link', { name: 'Review queue' }).click();
    await page.getByRole('alert').getByText(/FORBIDDEN/).waitFor();
    await expect(page.getByRole('button', { name: /Same person/ }).count()).resolves.toBe(0);
    await expectAccessible(page);

    const id = await personIdByExternalId('HRIS', 'E1001');
    const api = await stack.gql(`query($id: ID!) { person(id: $id) { legalName givenName familyName primaryEmail phones birthDate nationality city } }`, { id }, reader);
    const masked = api.body.data!.person;
    expect(masked.primaryEmail).toMatch(/\*\*\*/);
    expect(masked.birthDate).toMatch(/^\d{4}$/);

    await page.goto(`${consoleUrl}people/${id}`);
    await page.getByRole('heading', { level: 1, name: masked.legalName }).waitFor();
    const shown = (v: unknown) => (v === null ? '—' : Array.isArray(v) ? (v.length ? v.join(', ') : '—') : String(v));
    for (const [field, value] of Object.entries(masked)) {
      await expect(page.getByTestId(`golden-${field}`).innerText()).resolves.toBe(shown(value));
    }
    await expect(page.getByRole('button', { name: /Unmerge|Merge|Link|Override|Erase|Where from/ }).count()).resolves.toBe(0);
    await expect(page.getByRole('heading', { name: 'Actions' }).count()).resolves.toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'person-as-reader');

    // The API refuses what the console does not offer.
    const merge = await stack.gql(
      `mutation($i: MergePeopleInput!) { mergePeople(input: $i) { survivorId } }`,
      { i: { intoPersonId: id, fromPersonId: await personIdByExternalId('HRIS', 'E1003'), reason: 'not mine to do' } },
      reader,
    );
    expect(merge.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const reviews = await stack.gql(`{ matchReviews { edges { node { id } } } }`, {}, reader);
    expect(reviews.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // Search by name: the console shows the API's own answer for this token, refusal included.
    const search = await stack.gql(`{ people(first: 50, filter: { name: "schulz" }) { edges { node { id } } } }`, {}, reader);
    await page.getByRole('link', { name: 'Search' }).click();
    await page.getByLabel('Name contains').fill('schulz');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    if (search.body.errors?.length) {
      await expect(page.getByRole('alert').innerText()).resolves.toContain(search.body.errors[0]!.message);
    } else {
      await page.getByRole('status').getByText(`${search.body.data!.people.edges.length} found`).waitFor();
    }
    await expectAccessible(page);
    expect(problems).toEqual([]);
  });

  it('a steward overrides a value, links and unlinks an external id and merges two people, each confirmed with a reason; a privacy officer erases the person', async () => {
    const ingest = `mutation($i: IngestPersonRecordInput!) { ingestPersonRecord(input: $i) { personId decision } }`;
    const hrisRecord = { givenName: 'Ada', familyName: 'Lovelace', email: 'ada.lovelace@acme-robotics.example', phone: '+44 20 7946 0811', birthDate: '1985-12-10' };
    const ada = (await stack.gql(ingest, { i: { system: 'HRIS', sourceId: 'E-CONSOLE-ADA', sourceTimestamp: '2026-01-01T00:00:00Z', attributes: hrisRecord } }, await stack.as('hris', { system: 'HRIS' }))).body.data!.ingestPersonRecord;
    const crmRecord = { givenName: 'Augusta', familyName: 'King', email: 'a.king@analytical.example', phone: '+44 20 7946 0999' };
    const king = (await stack.gql(ingest, { i: { system: 'CRM', sourceId: 'C-CONSOLE-KING', sourceTimestamp: '2026-01-01T00:00:00Z', attributes: crmRecord } }, await stack.as('crm', { system: 'CRM' }))).body.data!.ingestPersonRecord;
    expect(king.personId).not.toBe(ada.personId);

    const { page, problems } = await open();
    await signInAs(page, 'steward');
    await page.getByRole('link', { name: 'Search' }).click();
    await page.getByLabel('Name contains').fill('lovelace');
    await page.keyboard.press('Enter');
    await page.getByRole('table', { name: 'Search results' }).getByRole('link', { name: 'Ada Lovelace' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();

    const confirm = async (button: string, fill: Record<string, string>, confirmLabel: string) => {
      await page.getByRole('button', { name: button }).click();
      const dialog = page.getByRole('dialog');
      for (const [field, value] of Object.entries(fill)) await dialog.getByLabel(field).fill(value);
      await dialog.getByRole('button', { name: confirmLabel, exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
    };

    // Override: a steward value that survivorship ranks first, with its own lineage.
    await confirm('Override a value', { Value: 'Lovelace-King', Reason: 'Name change on the marriage certificate' }, 'Override');
    await page.getByRole('status').getByText('Family name overridden.').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="golden-familyName"]')?.textContent === 'Lovelace-King');
    await page.getByRole('button', { name: 'Where from? Family name' }).click();
    const api = await stack.gql(`query($id: ID!) { person(id: $id) { provenance(attribute: FAMILY_NAME) { system rule } } }`, { id: ada.personId }, { authorization: `Bearer ${await tokenOf(page)}` });
    expect(api.body.data!.person.provenance.system).toBe('STEWARD');
    await page.getByTestId('lineage').getByText(api.body.data!.person.provenance.rule, { exact: true }).waitFor();
    await expect(page.getByTestId('lineage-winner').innerText()).resolves.toMatch(/^STEWARD/);

    // Link, then unlink, an external id.
    const xids = page.getByRole('table', { name: 'External ids' });
    await confirm('Link an external id', { 'Id in that system': 'C-CONSOLE-LINK', Reason: 'Same customer in the CRM' }, 'Link');
    await xids.getByRole('cell', { name: 'C-CONSOLE-LINK', exact: true }).waitFor();
    await confirm('Unlink CRM C-CONSOLE-LINK', { Reason: 'Linked to the wrong person' }, 'Unlink');
    await xids.getByRole('cell', { name: 'C-CONSOLE-LINK', exact: true }).waitFor({ state: 'detached' });

    // Merge the CRM person into this one.
    await confirm('Merge another person into this one', { 'Id of the person to merge away': king.personId, Reason: 'Same person: married name in the CRM' }, 'Merge');
    await page.getByRole('table', { name: 'Source records by system' }).getByRole('columnheader', { name: 'CRM C-CONSOLE-KING' }).waitFor();
    // The override is a source record of its own (system STEWARD) beside the two systems' records.
    expect(await sourceRecordsOf(ada.personId)).toEqual(['CRM C-CONSOLE-KING', 'HRIS E-CONSOLE-ADA', expect.stringMatching(/^STEWARD /)]);
    await expectAccessible(page);
    expect(problems).toEqual([]);

    // A privacy officer erases the person; a steward sees no erase button.
    await expect(page.getByRole('button', { name: 'Erase this person' }).count()).resolves.toBe(0);
    const officer = await open();
    await signInAs(officer.page, 'privacy_officer');
    await officer.page.goto(`${consoleUrl}people/${ada.personId}`);
    await officer.page.getByRole('heading', { level: 1, name: 'Ada Lovelace-King' }).waitFor();
    await officer.page.getByRole('button', { name: 'Erase this person' }).click();
    await officer.page.getByRole('dialog').getByLabel('Reason').fill('DSAR-2041');
    await officer.page.getByRole('dialog').getByRole('button', { name: 'Erase', exact: true }).click();
    await officer.page.getByRole('status').getByText('The personal data was erased.').waitFor();
    const erased = await stack.gql(`query($id: ID!) { person(id: $id) { legalName primaryEmail } }`, { id: ada.personId });
    expect(erased.body.data!.person).toEqual({ legalName: null, primaryEmail: null });
    await officer.page.getByRole('heading', { level: 1, name: 'No name available' }).waitFor();
    expect(officer.problems).toEqual([]);
  });

  it('offers development tokens for the human roles only, and the API accepts them as those roles', async () => {
    const settings = await (await fetch(`${consoleUrl}settings.json`)).json();
    expect(settings).toEqual({ devRoles: ['reader', 'recruiter', 'hr', 'steward', 'auditor', 'privacy_officer', 'admin'], oidc: null });
    const post = (role: string) => fetch(`${consoleUrl}dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role }) });
    expect((await post('crm')).status).toBe(400);
    expect((await post('root')).status).toBe(400);
    const { token } = await (await post('auditor')).json();
    const audit = await stack.gql(`query($id: ID) { auditEvents(entityId: $id, first: 1) { edges { node { eventId } } } }`, { id: await personIdByExternalId('HRIS', 'E1001') }, { authorization: `Bearer ${token}` });
    expect(audit.body.errors).toBeUndefined();
    const reviews = await stack.gql(`{ matchReviews { edges { node { id } } } }`, {}, { authorization: `Bearer ${token}` });
    expect(reviews.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('shows data quality as the API measures it, and stays usable at 200 % zoom', async () => {
    const { page, problems } = await open({ width: 640, height: 900 });
    await signInAs(page, 'steward');
    await page.getByRole('link', { name: 'Data quality' }).click();
    const api = await stack.gql(`{ dataQuality { people reviewBacklog } }`, {}, { authorization: `Bearer ${await tokenOf(page)}` });
    await expect(page.getByTestId('stat-Golden people').innerText()).resolves.toBe(String(api.body.data!.dataQuality.people));
    await expect(page.getByTestId('stat-Review backlog').innerText()).resolves.toBe(String(api.body.data!.dataQuality.reviewBacklog));
    await expect(page.getByRole('img', { name: /People and source records by system: CRM/ }).isVisible()).resolves.toBe(true);
    // 640 CSS pixels wide is a 1280-pixel window at 200 %: nothing forces sideways scrolling (wide
    // tables scroll inside their own box).
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await expectAccessible(page);
    await screenshot(page, 'data-quality');
    await page.goto(`${consoleUrl}people/${await personIdByExternalId('HRIS', 'E1003')}`);
    await page.getByRole('heading', { name: /^Source records \(\d+\)$/ }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.getByRole('link', { name: 'Review queue' }).click();
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
  });
});
