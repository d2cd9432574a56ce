// Every field of the composed graph has a row in the one field policy, and every subgraph enforces it.
// A field added without a row fails here (and is denied at run time by shield's fallback rule).
import fs from 'node:fs';
import { buildASTSchema, isObjectType, parse, type GraphQLSchema } from 'graphql';
import { SUBGRAPH_NAMES } from '../../platform/config';
import { supergraphFile } from '../../platform/paths';
import { FIELD_POLICY, policyFor } from '../../core/privacy/field-policy';
import { MASKS } from '../../core/privacy/masks';
import { SUBGRAPHS } from '../../subgraphs';
import { buildSubgraph } from '../../subgraphs/shared/factory';
import { fieldRulesFor } from '../../subgraphs/shared/permissions';

function supergraph(): GraphQLSchema {
  // The join__/link__ directives are declared in the file itself, so it builds as plain SDL.
  return buildASTSchema(parse(fs.readFileSync(supergraphFile(), 'utf8')), { assumeValidSDL: true });
}

function objectFields(schema: GraphQLSchema): string[] {
  const out: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.keys(type.getFields())) out.push(`${type.name}.${field}`);
  }
  return out;
}

describe('field policy coverage', () => {
  it('has a policy row for every field of every object type of the composed supergraph, Query and Mutation included', () => {
    const schema = supergraph();
    const fields = objectFields(schema);
    expect(fields).toEqual(expect.arrayContaining(['Query.person', 'Mutation.upsertEmployment', 'Person.primaryEmail', 'Employment.salary']));
    const missing = fields.filter((f) => {
      const [type, field] = f.split('.') as [string, string];
      return !policyFor(type, field);
    });
    expect(missing).toEqual([]);
  });

  it('has no row for a field that no longer exists (a stale row hides nothing, but misleads)', () => {
    const live = new Set(objectFields(supergraph()));
    // Federation entry points exist in every subgraph but not in the supergraph.
    const federation = new Set(['Query._service', 'Query._entities', '_Service.sdl']);
    const stale = Object.entries(FIELD_POLICY)
      .flatMap(([type, row]) => Object.keys(row).map((f) => `${type}.${f}`))
      .filter((f) => !live.has(f) && !federation.has(f));
    expect(stale).toEqual([]);
  });

  it('uses only masks that exist', () => {
    for (const row of Object.values(FIELD_POLICY).flatMap((r) => Object.values(r))) {
      if (row.kind === 'personal' && row.masked) expect(Object.keys(MASKS)).toContain(row.masked.mask);
    }
  });

  it.each(SUBGRAPH_NAMES)('enforces a rule on every field of the %s subgraph, _service and _entities included', async (name) => {
    const schema = await buildSubgraph(SUBGRAPHS[name]);
    const { rules, unlisted } = fieldRulesFor(schema);
    expect(unlisted).toEqual([]);
    expect(Object.keys(rules.Query ?? {})).toEqual(expect.arrayContaining(['_service', '_entities']));
  });
});
