// The floor of bench:ingest: a plain upsert of the same records through the same gateway. A bench-only
// subgraph `bench` (never part of the product's supergraph) is composed with the five subgraphs into a
// bench supergraph, served by a second gateway started with the same code (gateway/server.ts), which
// calls it in-process as the stack's gateway calls the five (same parsing, guard, Apollo server, plugins
// and context, no HTTP); the five subgraphs are the stack's own. Its one mutation verifies the bearer token and checks the caller writes
// as its own system, exactly as the subgraphs do, then writes the record with one
// INSERT … ON CONFLICT (system, sourceId) DO UPDATE into a bench table, autocommit, through the stack's
// Prisma client. No matching, audit, provenance, outbox, idempotency key or field permissions.
import { parse } from 'graphql';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { Config } from '../../platform/config';
import type { Logger } from '../../platform/logger';
import { subgraphSdls } from '../../gateway/compose';
import { startGateway } from '../../gateway/server';
import type { Stack } from '../../cli/stack';
import { accessLogPlugin } from '../../subgraphs/shared/access-log';
import { assertCanWriteAs } from '../../subgraphs/shared/auth/assert-can-write-as';
import { createTokenVerifier } from '../../subgraphs/shared/auth/verify-token';
import { createRequestContext, type RequestContext } from '../../subgraphs/shared/context';
import { createErrorFormatter } from '../../subgraphs/shared/errors';
import { createGraphQLApp, listen, type RunningServer } from '../../subgraphs/shared/graphql-http';
import { mountHealth } from '../../subgraphs/shared/health';
import type { IngestInput } from './workload';

/** The attributes the workload sends (bench/ingest/workload.ts), typed as the ingest input types them. */
const ATTRIBUTES = [
  'givenName', 'middleName', 'familyName', 'fullName', 'preferredName', 'email', 'phone', 'birthDate', 'nationalId',
  'street', 'city', 'postcode', 'country', 'employer', 'jobTitle',
];

const SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
input BenchPlainAttributesInput { ${ATTRIBUTES.map((a) => `${a}: String`).join(' ')} }
input BenchPlainRecordInput { system: String! sourceId: String! sourceTimestamp: String! attributes: BenchPlainAttributesInput! }
type BenchPlainUpsertPayload { id: ID! inserted: Boolean! }
type Query { benchPlainRecordCount: Int! }
type Mutation { benchPlainUpsert(input: BenchPlainRecordInput!): BenchPlainUpsertPayload! }
`;

export const PLAIN_UPSERT = `mutation Plain($input: BenchPlainRecordInput!) { benchPlainUpsert(input: $input) { id inserted } }`;

const TABLE = 'bench_plain_source_record';

export interface PlainUpsertGateway {
  gatewayUrl: string;
  stop(): Promise<void>;
}

/** Creates the bench table on the stack's database, starts the bench subgraph and a gateway over the bench supergraph. */
export async function startPlainUpsertGateway(stack: Stack, config: Config, logger: Logger): Promise<PlainUpsertGateway> {
  await stack.db.raw.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(), system text NOT NULL, "sourceId" text NOT NULL, "sourceTimestamp" timestamp(3) NOT NULL,
    attributes jsonb NOT NULL, "updatedAt" timestamp(3) NOT NULL, UNIQUE (system, "sourceId"))`);
  const deps = { db: stack.db, config, logger };
  const schema = buildSubgraphSchema({
    typeDefs: parse(SDL),
    resolvers: {
      Query: {
        benchPlainRecordCount: async (_: unknown, __: unknown, ctx: RequestContext) =>
          (await ctx.db.prisma.$queryRawUnsafe<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM ${TABLE}`))[0].n,
      },
      Mutation: {
        benchPlainUpsert: async (_: unknown, { input }: { input: IngestInput }, ctx: RequestContext) => {
          assertCanWriteAs(ctx, input.system);
          const [row] = await ctx.db.prisma.$queryRawUnsafe<Array<{ id: string; inserted: boolean }>>(
            `INSERT INTO ${TABLE} (system, "sourceId", "sourceTimestamp", attributes, "updatedAt") VALUES ($1, $2, $3::timestamptz, $4::jsonb, now())
             ON CONFLICT (system, "sourceId") DO UPDATE SET "sourceTimestamp" = EXCLUDED."sourceTimestamp", attributes = EXCLUDED.attributes, "updatedAt" = EXCLUDED."updatedAt"
             RETURNING id::text, (xmax = 0) AS inserted`,
            input.system, input.sourceId, input.sourceTimestamp, JSON.stringify(input.attributes),
          );
          return row;
        },
      },
    } as never,
  });
  const verifyToken = createTokenVerifier(config.auth);
  const { listener, server, local } = await createGraphQLApp<RequestContext>({
    executor: { schema },
    config,
    name: 'bench',
    formatError: createErrorFormatter(logger),
    plugins: [ApolloServerPluginInlineTraceDisabled(), accessLogPlugin()],
    mountHealth: (a) => mountHealth(a, stack.db),
    context: async (req) => createRequestContext(req, deps, await verifyToken(req.headers.authorization)),
  });
  const servers: RunningServer[] = [await listen(listener, config.host, 0, () => server.stop())];
  try {
    const subgraphUrls = { ...stack.subgraphUrls, bench: servers[0].url };
    const sdls = [...(await subgraphSdls()), { name: 'bench', sdl: SDL }];
    const composed = composeServices(sdls.map(({ name, sdl }) => ({ name, url: subgraphUrls[name as keyof typeof subgraphUrls], typeDefs: parse(sdl) })));
    if (composed.errors) throw new Error(`bench supergraph composition failed: ${composed.errors.map((e) => e.message).join('; ')}`);
    // The stack's gateway reaches the five in-process; this one reaches them over HTTP, but the plain
    // mutation is answered by the bench subgraph alone, which it calls in-process like the stack's.
    const localSubgraphs = { bench: local } as unknown as Parameters<typeof startGateway>[0]['localSubgraphs'];
    servers.push(await startGateway({ config: { ...config, subgraphUrls }, logger, supergraphSdl: composed.supergraphSdl, localSubgraphs }, 0));
  } catch (err) {
    for (const s of servers.reverse()) await s.stop();
    throw err;
  }
  return {
    gatewayUrl: servers[1].url,
    stop: async () => {
      for (const s of servers.reverse()) await s.stop();
    },
  };
}
