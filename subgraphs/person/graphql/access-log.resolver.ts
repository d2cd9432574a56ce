// accessLog(personId): who read which personal field of a person in full, for which purpose, when (auditors).
import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { DomainError, ErrorCode } from '../../../core/errors/domain-error';
import { isUuid } from '../../../platform/ids';
import type { RequestContext } from '../../shared/context';
import { connectionOf } from '../../shared/pagination';

@ObjectType({ description: 'One full read of a personal field.' })
export class AccessLogEntry {
  @Field({ description: 'The token subject that read it.' }) actorId!: string;
  @Field(() => ID) personId!: string;
  @Field({ description: 'Type and field, e.g. Person.birthDate or Employment.salary.' }) field!: string;
  @Field(() => String, { nullable: true, description: "The token's purpose claim." }) purpose!: string | null;
  @Field(() => Date) at!: Date;
}

export const AccessLogConnection = connectionOf(AccessLogEntry, 'AccessLogEntry');

const encode = (id: bigint) => Buffer.from(`access:${id}`).toString('base64url');
function decode(cursor: string): bigint {
  const s = Buffer.from(cursor, 'base64url').toString();
  if (!/^access:\d+$/.test(s)) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'Invalid cursor', { field: 'after' });
  return BigInt(s.slice(7));
}

export async function listAccessLog(ctx: RequestContext, personId: string, first: number, after: string | null) {
  if (!isUuid(personId)) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'personId must be a UUID', { field: 'personId' });
  if (first < 0 || first > ctx.config.maxPageSize) throw new DomainError(ErrorCode.BAD_USER_INPUT, `first must be between 0 and ${ctx.config.maxPageSize}`, { field: 'first' });
  const afterId = after ? decode(after) : null;
  const rows = await ctx.db.prisma.accessLog.findMany({
    where: { personId, ...(afterId !== null ? { id: { gt: afterId } } : {}) }, orderBy: { id: 'asc' }, take: first + 1,
  });
  const edges = rows.slice(0, first).map((node) => ({ node, cursor: encode(node.id) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, hasPreviousPage: afterId !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

@Resolver()
export class AccessLogResolver {
  @Query(() => AccessLogConnection, { description: 'Full reads of the personal fields of one person, oldest first (auditors).' })
  accessLog(
    @Arg('personId', () => ID) personId: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return listAccessLog(ctx, personId, first, after);
  }
}
