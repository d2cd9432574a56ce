// Read use cases of golden people: lookup with merge redirects, lookup by external id, listing.
import { DomainError, ErrorCode } from '../../../core/errors/domain-error';
import { isUuid } from '../../../platform/ids';
import type { RequestContext } from '../../shared/context';
import type { SourceSystem } from '../../shared/enums';
import { paginate, toPageRequest } from '../../shared/pagination';
import { isPersonVisible, personVisibilityWhere } from '../../shared/person-visibility';
import { personById } from '../store/loaders';
import { mayQueryBy } from '../../../core/privacy/decide-field-access';
import { PERSON_FILTER_FIELDS, policyFor } from '../../../core/privacy/field-policy';
import { recordPersonRead } from '../../shared/access-log';
import { findExternalId, findPeoplePage, type PersonQuery } from '../store/people';

const MAX_REDIRECTS = 16;

export type PersonView = NonNullable<Awaited<ReturnType<ReturnType<typeof personById>['load']>>> & { redirectedFrom?: string | null };

/** A merged-away id resolves to the surviving person and says so; it is never a not-found. */
export async function getPerson(ctx: RequestContext, id: string): Promise<PersonView | null> {
  if (!isUuid(id)) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'id must be a UUID', { field: 'id' });
  let person = await personById(ctx).load(id);
  for (let hops = 0; person?.mergedIntoId && hops < MAX_REDIRECTS; hops++) {
    person = await personById(ctx).load(person.mergedIntoId);
  }
  // A person outside the caller's purpose or regions does not exist for it: the same null as an unknown id.
  if (!person || !(await isPersonVisible(ctx, person.id))) return null;
  return person.id === id ? person : { ...person, redirectedFrom: id };
}

export async function getPersonByExternalId(ctx: RequestContext, system: SourceSystem, externalId: string) {
  const link = await findExternalId(ctx.db.prisma, system, externalId);
  return link ? getPerson(ctx, link.personId) : null;
}

/**
 * A filter on a personal value is a read of that value (it tells whether someone has it): open only to
 * callers who may read the fields in full for anyone, and every person it returns is logged as read.
 */
function personalFiltersOf(ctx: RequestContext, filter: PersonQuery): string[] {
  const used = Object.keys(PERSON_FILTER_FIELDS).filter((f) => {
    const v = filter[f as keyof PersonQuery];
    return typeof v === 'string' && v.trim() !== '';
  });
  const scopes = new Set(ctx.actor.scopes);
  for (const f of used) {
    if (!mayQueryBy(PERSON_FILTER_FIELDS[f]!.map((field) => policyFor('Person', field)), scopes)) {
      throw new DomainError(ErrorCode.FORBIDDEN, `Filtering people by ${f} needs full read of ${PERSON_FILTER_FIELDS[f]!.join(' and ')}`, { filter: f });
    }
  }
  return used;
}

export async function listPeople(ctx: RequestContext, first: number | undefined, after: string | null | undefined, filter: PersonQuery = {}) {
  const personal = personalFiltersOf(ctx, filter);
  const page = toPageRequest(first, after, ctx.config.maxPageSize);
  const conn = await paginate(page, ({ take, afterId }) => findPeoplePage(ctx.db.prisma, filter, take, afterId, personVisibilityWhere(ctx.actor)));
  for (const edge of conn.edges) {
    personById(ctx).prime(edge.node.id, edge.node);
    for (const f of personal) recordPersonRead(ctx, edge.node.id, `Query.people.filter.${f}`);
  }
  return conn;
}
