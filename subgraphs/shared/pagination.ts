// Relay-style cursor connections with keyset pagination on time-ordered UUID v7 ids.
import { ArgsType, ClassType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { DomainError, ErrorCode } from '../../core/errors/domain-error';
import { isUuid } from '../../platform/ids';

@Directive('@shareable')
@ObjectType({ description: 'Relay page information (shared by every subgraph).' })
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field() hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

export interface Edge<T> { node: T; cursor: string }
export interface Connection<T> { edges: Edge<T>[]; pageInfo: PageInfo; totalCount?: number }

const connectionTypes = new Map<string, unknown>();

/** Builds (once per node type) `XEdge` and `XConnection` object types. */
export function connectionOf<T extends object>(node: ClassType<T>, name: string): ClassType<Connection<T>> {
  const existing = connectionTypes.get(name);
  if (existing) return existing as ClassType<Connection<T>>;

  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => node) node!: T;
    @Field() cursor!: string;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [EdgeType]) edges!: EdgeType[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
  }
  connectionTypes.set(name, ConnectionType);
  return ConnectionType as unknown as ClassType<Connection<T>>;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20 }) first?: number;
  @Field(() => String, { nullable: true }) after?: string | null;
}

export function encodeCursor(id: string): string {
  return Buffer.from(`id:${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = decoded.startsWith('id:') ? decoded.slice(3) : '';
  if (!isUuid(id)) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'Invalid cursor', { field: 'after' });
  return id;
}

export interface PageRequest { first: number; afterId: string | null }

export function toPageRequest(first: number | undefined | null, after: string | undefined | null, maxPageSize: number): PageRequest {
  const n = first ?? 20;
  if (!Number.isInteger(n) || n < 0 || n > maxPageSize) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `first must be between 0 and ${maxPageSize}`, { field: 'first', max: maxPageSize });
  }
  return { first: n, afterId: after ? decodeCursor(after) : null };
}

/**
 * Runs a keyset page query: `fetch` must return up to `take` rows with id > afterId ordered by id.
 * One extra row is fetched to know whether there is a next page.
 */
export async function paginate<T extends { id: string }>(
  page: PageRequest,
  fetch: (args: { take: number; afterId: string | null }) => Promise<T[]>,
): Promise<Connection<T>> {
  const rows = await fetch({ take: page.first + 1, afterId: page.afterId });
  const hasNextPage = rows.length > page.first;
  const nodes = rows.slice(0, page.first);
  const edges = nodes.map((node) => ({ node, cursor: encodeCursor(node.id) }));
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: page.afterId !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
