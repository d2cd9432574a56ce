import { buildSchema, parse } from 'graphql';
import { operationCost } from '../../subgraphs/shared/query-limits';

const schema = buildSchema(`
  type Query { people(first: Int): PersonConnection }
  type PersonConnection { edges: [PersonEdge] }
  type PersonEdge { node: Person }
  type Person { id: ID }
`);
const costOf = (query: string) => operationCost(schema, parse(query), { variables: {} }).cost;

it('costs a fragment on a connection by the page size of each field it is spread in', () => {
  const fragment = 'fragment F on PersonConnection { edges { node { id } } }';
  const alone = costOf(`{ b: people(first: 100) { ...F } } ${fragment}`);
  const afterEmptyPage = costOf(`{ a: people(first: 0) { ...F } b: people(first: 100) { ...F } } ${fragment}`);
  expect(alone).toBe(301);
  expect(afterEmptyPage).toBe(alone + 1);
});
