// The SCIM 2.0 service provider (RFC 7643/7644) at /scim/v2 of the gateway: discovery resources and
// Users with filtering, paging, attribute selection, ETags and PATCH. Every read and write is a call to
// the gateway's own GraphQL API with the caller's token, so SCIM is one more client of the same rules.
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Config } from '../platform/config';
import type { Logger } from '../platform/logger';
import { createTokenVerifier, type Principal } from '../subgraphs/shared/auth/verify-token';
import { ENTERPRISE_SCHEMA, LIST_SCHEMA, MAX_RESULTS, SEARCH_SCHEMA, resourceTypes, schemaDefinitions, serviceProviderConfig } from './discovery';
import { equalityOn, matchesFilter, parseFilter, type Filter } from './filter';
import { graphqlCaller, type GraphQLCaller } from './gateway-client';
import { ScimError } from './scim-error';
import {
  anchorEmployment, applyUserChange, changeFromPatch, changeFromResource, getPersonView, listPersonViews, toScimUser, type PersonListFilter, type PersonView, type ScimUser,
} from './users';

const SCIM_CONTENT_TYPE = 'application/scim+json';
/** People a filter may have to look through to count its results; beyond it the answer is tooMany. */
export const MAX_FILTER_SCAN = 10_000;
/** The scopes a provisioning client needs to read back what it writes (hris + hr roles). */
const PROVISIONING_READ_SCOPES = ['employee.record:read', 'compensation:read'];

interface ScimRequest extends Request {
  principal?: Principal;
  api?: GraphQLCaller;
}

function baseUrl(req: Request): string {
  return `${req.protocol}://${req.get('host')}${req.baseUrl}`;
}

function send(res: Response, status: number, body: unknown, etag?: string): void {
  if (etag) res.setHeader('ETag', etag);
  res.status(status).type(SCIM_CONTENT_TYPE).send(JSON.stringify(body));
}

function assertCanProvision(p: Principal): string {
  // The system a write comes from is the token's write binding, resolved when it was verified.
  const system = p.system;
  if (system !== 'HRIS') throw new ScimError(403, 'SCIM writes come from the HRIS, the system that owns employments: use a token of the hris role');
  const missing = PROVISIONING_READ_SCOPES.filter((s) => !p.scopes.includes(s));
  if (missing.length) throw new ScimError(403, `SCIM writes need a token that can read back employee records (${missing.join(', ')}; for example roles hris and hr)`);
  return system;
}

function parseIndex(v: unknown, name: string, def: number, min: number): number {
  if (v === undefined || v === '') return def;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new ScimError(400, `${name} must be an integer`, 'invalidValue');
  return Math.max(n, min);
}

function attributeList(v: unknown): string[] {
  return typeof v === 'string' && v ? v.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

/** `attributes` / `excludedAttributes` (RFC 7644 §3.9); id, schemas and meta are always returned. */
export function project(user: ScimUser, attributes: string[], excluded: string[]): Record<string, unknown> {
  const always = new Set(['id', 'schemas', 'meta']);
  const split = (path: string) => {
    const lower = path.toLowerCase();
    const ent = ENTERPRISE_SCHEMA.toLowerCase();
    if (lower === ent) return [ENTERPRISE_SCHEMA];
    if (lower.startsWith(`${ent}:`)) return [ENTERPRISE_SCHEMA, ...path.slice(ent.length + 1).split('.')];
    return path.replace(/^urn:ietf:params:scim:schemas:core:2\.0:user:/i, '').split('.');
  };
  const keyOf = (o: Record<string, unknown>, k: string) => Object.keys(o).find((x) => x.toLowerCase() === k.toLowerCase());
  if (attributes.length) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(user)) if (always.has(k)) out[k] = user[k];
    for (const a of attributes) {
      const [top, sub] = split(a);
      const k = keyOf(user, top!);
      if (!k) continue;
      const v = user[k];
      if (sub && v && typeof v === 'object' && !Array.isArray(v)) {
        const sk = keyOf(v as Record<string, unknown>, sub);
        if (sk) out[k] = { ...((out[k] as object) ?? {}), [sk]: (v as Record<string, unknown>)[sk] };
      } else out[k] = v;
    }
    return out;
  }
  const out: Record<string, unknown> = { ...user };
  for (const a of excluded) {
    const [top, sub] = split(a);
    const k = keyOf(out, top!);
    if (!k || always.has(k)) continue;
    if (sub && out[k] && typeof out[k] === 'object' && !Array.isArray(out[k])) {
      const copy = { ...(out[k] as Record<string, unknown>) };
      const sk = keyOf(copy, sub);
      if (sk) delete copy[sk];
      out[k] = copy;
    } else delete out[k];
  }
  return out;
}

async function requireUser(req: ScimRequest, system: string | undefined): Promise<{ person: PersonView; user: ScimUser }> {
  const person = await getPersonView(req.api!, req.params.id as string);
  if (!person) throw new ScimError(404, 'No User with this id');
  return { person, user: toScimUser(person, system, baseUrl(req)) };
}

function checkPrecondition(req: Request, user: ScimUser): void {
  const ifMatch = req.get('if-match');
  if (ifMatch && ifMatch !== '*' && !ifMatch.split(',').map((s) => s.trim()).includes(user.meta.version)) {
    throw new ScimError(412, 'The User changed since the given version (If-Match)');
  }
}

/**
 * Lists matching people in id order. A system's client sees the people that system has records of.
 * `userName eq` runs as the API's e-mail filter when the token may filter by e-mail (it reads e-mail
 * addresses of anyone in full); otherwise the filter is applied to what the token sees of each person.
 */
async function findUsers(api: GraphQLCaller, filter: Filter | null, system: string | undefined, base: string): Promise<ScimUser[]> {
  const id = filter ? equalityOn(filter, 'id') : null;
  if (id) {
    const p = await getPersonView(api, id);
    const u = p ? toScimUser(p, system, base) : null;
    return u && matchesFilter(u, filter!) ? [u] : [];
  }
  const email = filter ? (equalityOn(filter, 'userName') ?? equalityOn(filter, 'emails.value') ?? equalityOn(filter, 'emails')) : null;
  const scope = system ? { system } : {};
  if (email) {
    try {
      return await scanUsers(api, filter, { ...scope, email }, system, base);
    } catch (err) {
      if (!(err instanceof ScimError && err.status === 403)) throw err;
    }
  }
  return scanUsers(api, filter, scope, system, base);
}

async function scanUsers(api: GraphQLCaller, filter: Filter | null, where: PersonListFilter, system: string | undefined, base: string): Promise<ScimUser[]> {
  const out: ScimUser[] = [];
  let after: string | null = null;
  for (let scanned = 0; ; ) {
    const page = await listPersonViews(api, 100, after, where);
    scanned += page.nodes.length;
    for (const p of page.nodes) {
      const u = toScimUser(p, system, base);
      if (!filter || matchesFilter(u, filter)) out.push(u);
    }
    if (!page.hasNextPage) return out;
    if (scanned >= MAX_FILTER_SCAN) throw new ScimError(400, `The filter would have to look through more than ${MAX_FILTER_SCAN} people; narrow it`, 'tooMany');
    after = page.endCursor;
  }
}

export interface ScimRouterOptions {
  config: Config;
  logger: Logger;
  /** Clock of source timestamps (tests). */
  now?: () => Date;
}

export function createScimRouter(o: ScimRouterOptions): express.Router {
  const router = express.Router();
  const verify = createTokenVerifier(o.config.auth);
  const now = o.now ?? (() => new Date());
  const log = o.logger.child({ component: 'scim' });
  const wrap = (fn: (req: ScimRequest, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) => {
    fn(req as ScimRequest, res).catch(next);
  };

  router.use(express.json({ type: ['application/scim+json', 'application/json'], limit: '256kb' }));
  router.use(async (request: Request, _res: Response, next: NextFunction) => {
    const req = request as ScimRequest;
    try {
      req.principal = await verify(req.get('authorization'));
    } catch (err) {
      throw new ScimError(401, (err as Error).message);
    }
    // The gateway's own GraphQL endpoint, on the address and port this request came in on.
    const local = req.socket.localAddress ?? '127.0.0.1';
    const host = local.startsWith('::ffff:') ? local.slice(7) : local.includes(':') ? `[${local}]` : local;
    const headers: Record<string, string> = { authorization: req.get('authorization')! };
    const requestId = req.get('x-request-id');
    if (requestId) headers['x-request-id'] = requestId;
    req.api = graphqlCaller(`http://${host}:${req.socket.localPort}/graphql`, headers);
    next();
  });

  router.get('/ServiceProviderConfig', (req, res) => send(res, 200, serviceProviderConfig(baseUrl(req))));
  router.get('/ResourceTypes', (req, res) => {
    const list = resourceTypes(baseUrl(req));
    send(res, 200, { schemas: [LIST_SCHEMA], totalResults: list.length, startIndex: 1, itemsPerPage: list.length, Resources: list });
  });
  router.get('/ResourceTypes/:id', (req, res) => {
    const r = resourceTypes(baseUrl(req)).find((t) => t.id === req.params.id);
    if (!r) throw new ScimError(404, 'No such resource type');
    send(res, 200, r);
  });
  router.get('/Schemas', (req, res) => {
    const list = schemaDefinitions(baseUrl(req));
    send(res, 200, { schemas: [LIST_SCHEMA], totalResults: list.length, startIndex: 1, itemsPerPage: list.length, Resources: list });
  });
  router.get('/Schemas/:id', (req, res) => {
    const s = schemaDefinitions(baseUrl(req)).find((d) => d.id === req.params.id);
    if (!s) throw new ScimError(404, 'No such schema');
    send(res, 200, s);
  });

  // GET /Users with query parameters, or POST /Users/.search with the same in a SearchRequest body.
  const search = async (req: ScimRequest, res: Response, q: Record<string, unknown>) => {
    const filter = typeof q.filter === 'string' && q.filter.trim() ? parseFilter(q.filter) : null;
    const startIndex = parseIndex(q.startIndex, 'startIndex', 1, 1);
    const count = Math.min(parseIndex(q.count, 'count', MAX_RESULTS, 0), MAX_RESULTS);
    const all = await findUsers(req.api!, filter, req.principal!.system, baseUrl(req));
    const page = all.slice(startIndex - 1, startIndex - 1 + count);
    const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : attributeList(v));
    send(res, 200, {
      schemas: [LIST_SCHEMA], totalResults: all.length, startIndex, itemsPerPage: page.length,
      Resources: page.map((u) => project(u, list(q.attributes), list(q.excludedAttributes))),
    });
  };
  router.get('/Users', wrap((req, res) => search(req, res, req.query as Record<string, unknown>)));
  router.post('/Users/.search', wrap((req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (!Array.isArray(body.schemas) || !body.schemas.includes(SEARCH_SCHEMA)) throw new ScimError(400, `A search needs the schema ${SEARCH_SCHEMA}`, 'invalidSyntax');
    return search(req, res, body);
  }));

  router.get('/Users/:id', wrap(async (req, res) => {
    const { user } = await requireUser(req, req.principal!.system);
    if (req.get('if-none-match') === user.meta.version) {
      res.status(304).setHeader('ETag', user.meta.version);
      res.end();
      return;
    }
    send(res, 200, project(user, attributeList(req.query.attributes), attributeList(req.query.excludedAttributes)), user.meta.version);
  }));

  router.post('/Users', wrap(async (req, res) => {
    const system = assertCanProvision(req.principal!);
    const change = changeFromResource(req.body);
    if (!change.userName) throw new ScimError(400, 'userName is required', 'invalidValue');
    // userName is the golden record's primary e-mail: it is how the User is found again.
    if (!change.userName.includes('@')) throw new ScimError(400, 'userName must be the e-mail address of the User', 'invalidValue');
    // A User of this system with this userName exists already; the same person known to other systems
    // is not a conflict: the record goes to the pipeline, which links it to them.
    const taken = await findUsers(req.api!, parseFilter(`userName eq ${JSON.stringify(change.userName)}`), system, baseUrl(req));
    if (taken.some((u) => u.externalId !== undefined)) throw new ScimError(409, 'A User with this userName exists', 'uniqueness');
    const personId = await applyUserChange(req.api!, { system, sourceId: change.externalId ?? change.userName, current: null }, change, now());
    const person = await getPersonView(req.api!, personId);
    if (!person) throw new ScimError(500, 'Internal server error');
    const user = toScimUser(person, system, baseUrl(req));
    res.setHeader('Location', user.meta.location);
    send(res, 201, user, user.meta.version);
  }));

  const replaceOrPatch = (kind: 'put' | 'patch') => wrap(async (req, res) => {
    const system = assertCanProvision(req.principal!);
    const { person, user } = await requireUser(req, system);
    checkPrecondition(req, user);
    const change = kind === 'put' ? changeFromResource(req.body) : changeFromPatch(req.body);
    const current = anchorEmployment(person, system);
    const sourceId = current?.externalId ?? change.externalId ?? change.userName ?? person.id;
    const personId = await applyUserChange(req.api!, { system, sourceId, current }, change, now(), person.id);
    const updated = await getPersonView(req.api!, personId);
    if (!updated) throw new ScimError(404, 'No User with this id');
    const out = toScimUser(updated, system, baseUrl(req));
    send(res, 200, out, out.meta.version);
  });
  router.put('/Users/:id', replaceOrPatch('put'));
  router.patch('/Users/:id', replaceOrPatch('patch'));

  // Deprovisioning ends the employment; the golden person and its history stay (erasure is its own process).
  router.delete('/Users/:id', wrap(async (req, res) => {
    const system = assertCanProvision(req.principal!);
    const { person, user } = await requireUser(req, system);
    checkPrecondition(req, user);
    const current = anchorEmployment(person, system);
    if (!current) throw new ScimError(404, 'This User has no employment of the provisioning system');
    await applyUserChange(req.api!, { system, sourceId: current.externalId, current }, { active: false }, now(), person.id);
    res.status(204).end();
  }));

  router.use((_req: Request, _res: Response, next: NextFunction) => next(new ScimError(404, 'No such SCIM endpoint')));
  router.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof ScimError) {
      send(res, err.status, err.toJSON());
      return;
    }
    if ((err as { type?: string }).type === 'entity.parse.failed') {
      send(res, 400, new ScimError(400, 'The request body is not valid JSON', 'invalidSyntax').toJSON());
      return;
    }
    log.error({ err, path: req.path }, 'scim: request failed');
    send(res, 500, new ScimError(500, 'Internal server error').toJSON());
  });
  return router;
}

export function mountScim(app: express.Express, config: Config, logger: Logger): void {
  app.use('/scim/v2', createScimRouter({ config, logger }));
}
