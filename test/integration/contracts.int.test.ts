// Versioned contracts: the published event JSON Schemas match core/events/contracts.ts, the current
// API schema and events are compatible with the last release (contracts/release/) or their breaking
// changes are declared in CHANGELOG.md, and the check itself catches what would break a consumer.
import fs from 'node:fs';
import path from 'node:path';
import { checkAgainstRelease, RELEASE_DIR, stalePublishedSchemas } from '../../contracts/contracts-command';
import { compareEventSchemas, compareSupergraphs, declaredBreakingChanges, undeclaredBreakingChanges } from '../../contracts/check-contracts';
import { eventJsonSchemas, type JsonSchema } from '../../contracts/event-json-schemas';
import { EVENT_TYPES } from '../../core/events';

const released = fs.readFileSync(path.join(RELEASE_DIR, 'supergraph.graphql'), 'utf8');

it('publishes one JSON Schema per event type and version, as contracts.ts defines them (run `npm run contracts:write` when this fails)', () => {
  expect(stalePublishedSchemas()).toEqual([]);
  const files = [...eventJsonSchemas().keys()];
  for (const type of EVENT_TYPES) expect(files).toContain(`${type}.v1.schema.json`);
  const created = eventJsonSchemas().get('PersonCreated.v1.schema.json')!;
  expect(created).toMatchObject({ $id: 'urn:peoplegraph:events:PersonCreated:v1', type: 'object', required: ['id', 'systems'] });
  // The reader's contract stays open to properties added later.
  expect(JSON.stringify(created)).not.toContain('"additionalProperties":false');
});

it('is compatible with the last release, or declares its breaking changes in CHANGELOG.md', async () => {
  const report = await checkAgainstRelease();
  expect(report.releasedVersion).toMatch(/^\d+\.\d+\.\d+$/);
  expect(report.undeclared.map((c) => `${c.id}: ${c.message}`)).toEqual([]);
});

describe('the GraphQL check', () => {
  it('flags a removed field and a changed type as breaking, an added field as not', async () => {
    expect(released).toContain('  legalName: String\n');
    const removed = await compareSupergraphs(released, released.replace(/(type Person\b[\s\S]*?)\n\s*"""Full legal name."""\n\s*legalName: String/, '$1'));
    expect(removed).toEqual([expect.objectContaining({ id: 'graphql:Person.legalName', breaking: true })]);
    const retyped = await compareSupergraphs(released, released.replace(/(type Person\b[\s\S]*?\n\s*emails: )\[String!\]!/, '$1String'));
    expect(retyped.filter((c) => c.breaking).map((c) => c.id)).toEqual(['graphql:Person.emails']);
    const added = await compareSupergraphs(released, released.replace(/(type Person\b[^{]*\{)/, '$1\n  nickname: String @join__field(graph: PERSON)'));
    expect(added).toEqual([expect.objectContaining({ id: 'graphql:Person.nickname', breaking: false })]);
  });
});

describe('the event check', () => {
  const base = () => new Map([...eventJsonSchemas()].map(([f, s]) => [f, JSON.parse(JSON.stringify(s)) as JsonSchema]));

  it('flags removed properties, properties no longer always present, type changes and removed events', () => {
    const current = base();
    const created = current.get('PersonCreated.v1.schema.json')! as { properties: Record<string, unknown>; required: string[] };
    delete created.properties.decision;
    created.required = created.required.filter((r) => r !== 'systems');
    (current.get('PersonErased.v1.schema.json')!.properties as Record<string, { type: string }>).erasedAttributes.type = 'string';
    current.delete('OfferAccepted.v1.schema.json');
    const changes = compareEventSchemas(eventJsonSchemas(), current).filter((c) => c.breaking).map((c) => c.id).sort();
    expect(changes).toEqual([
      'event:OfferAccepted.v1.schema.json',
      'event:PersonCreated.v1.schema.json:decision',
      'event:PersonCreated.v1.schema.json:systems',
      'event:PersonErased.v1.schema.json:erasedAttributes',
    ]);
  });

  it('lets a new optional property, a new enum value and a new version pass', () => {
    const current = base();
    (current.get('PersonUpdated.v1.schema.json')!.properties as Record<string, unknown>).region = { type: 'string' };
    ((current.get('PersonCreated.v1.schema.json')!.properties as any).systems.items.enum as string[]).push('PAYROLL');
    current.set('PersonCreated.v2.schema.json', current.get('PersonCreated.v1.schema.json')!);
    const changes = compareEventSchemas(eventJsonSchemas(), current);
    expect(changes.length).toBe(3);
    expect(changes.filter((c) => c.breaking)).toEqual([]);
  });
});

it('counts only ids declared under "### Breaking" of "## Unreleased"', () => {
  const changelog = [
    '# Changelog', '', '## Unreleased', '', '### Breaking', '',
    '- `graphql:Person.legalName` removed: read `givenName` and `familyName`.', '',
    '### Added', '', '- `graphql:Person.emails` is mentioned here, which declares nothing.', '',
    '## 0.1.0', '', '### Breaking', '', '- `event:OfferAccepted.v1.schema.json` (an old release).', '',
  ].join('\n');
  const declared = declaredBreakingChanges(changelog);
  expect(declared.has('graphql:Person.legalName')).toBe(true);
  expect(declared.has('graphql:Person.emails')).toBe(false);
  expect(declared.has('event:OfferAccepted.v1.schema.json')).toBe(false);
  const undeclared = undeclaredBreakingChanges([
    { id: 'graphql:Person.legalName', breaking: true, message: '' },
    { id: 'graphql:Person.emails', breaking: true, message: '' },
    { id: 'event:OfferAccepted.v1.schema.json', breaking: true, message: '' },
    { id: 'graphql:Person.nickname', breaking: false, message: '' },
  ], declared);
  expect(undeclared.map((c) => c.id)).toEqual(['graphql:Person.emails', 'event:OfferAccepted.v1.schema.json']);
});

it('fails the real check on an undeclared breaking change to the supergraph, and passes once it is declared', async () => {
  const current = fs.readFileSync(path.join(__dirname, '../../gateway/supergraph.graphql'), 'utf8');
  const broken = current.replace(/(type Person\b[\s\S]*?)\n\s*"""Full legal name."""\n\s*legalName: String/, '$1');
  const undeclared = (await checkAgainstRelease(broken, '# Changelog\n\n## Unreleased\n\n### Breaking\n\n(none)\n')).undeclared.map((c) => c.id);
  expect(undeclared).toEqual(['graphql:Person.legalName']);
  const declared = await checkAgainstRelease(broken, '# Changelog\n\n## Unreleased\n\n### Breaking\n\n- `graphql:Person.legalName`: use givenName and familyName.\n');
  expect(declared.undeclared).toEqual([]);
});
