// The committed supergraph must be what the subgraphs compose to today.
import fs from 'node:fs';
import { composeSupergraph } from '../../gateway/compose';
import { supergraphFile } from '../../platform/paths';

it('gateway/supergraph.graphql matches the composed subgraphs (run `npm run compose` when this fails)', async () => {
  const composed = await composeSupergraph();
  expect(fs.readFileSync(supergraphFile(), 'utf8')).toBe(composed);
});

it('composes all five subgraphs', async () => {
  const composed = await composeSupergraph();
  for (const name of ['PERSON', 'ORGANIZATION', 'JOB', 'EMPLOYMENT', 'OFFER']) expect(composed).toContain(`${name} @join__graph`);
});
