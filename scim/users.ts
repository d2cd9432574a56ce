// SCIM Users (RFC 7643 §4.1 + the enterprise extension) over the golden record: a User is a golden
// person with the employment the provisioning system keeps for them. Reads are GraphQL queries with the
// caller's token (its field policy decides what appears); writes are a source record of the caller's
// system through ingestPersonRecord plus that system's employment through upsertEmployment.
import { createHash } from 'node:crypto';
import { ENTERPRISE_SCHEMA, USER_SCHEMA } from './discovery';
import type { GraphQLCaller } from './gateway-client';
import { ScimError } from './scim-error';

const EMPLOYMENT = `id system externalId title department employeeNumber status hireDate endDate salary currency
  organization { id name } manager { id legalName } job { id }`;
const PERSON = `id legalName givenName middleName familyName preferredName primaryEmail emails phones employeeStatus createdAt updatedAt
  employments { ${EMPLOYMENT} }`;

export interface EmploymentView {
  id: string; system: string; externalId: string; title: string | null; department: string | null; employeeNumber: string | null;
  status: string; hireDate: string | null; endDate: string | null; salary: string | null; currency: string | null;
  organization: { id: string; name: string } | null; manager: { id: string; legalName: string | null } | null; job: { id: string } | null;
}

export interface PersonView {
  id: string; legalName: string | null; givenName: string | null; middleName: string | null; familyName: string | null; preferredName: string | null;
  primaryEmail: string | null; emails: string[]; phones: string[]; employeeStatus: string; createdAt: string; updatedAt: string;
  employments: EmploymentView[] | null;
}

export type ScimUser = Record<string, unknown> & { id: string; meta: { version: string; location: string } };

/** Employed in the sense an identity provider means: pre-hire, active or on leave. */
const ACTIVE_STATUSES = new Set(['PRE_HIRE', 'ACTIVE', 'ON_LEAVE']);

/** The employment this system keeps for the person: a current one first. */
export function anchorEmployment(p: PersonView, system: string | undefined): EmploymentView | null {
  const own = (p.employments ?? []).filter((e) => !system || e.system === system);
  return own.find((e) => e.status !== 'TERMINATED') ?? own[0] ?? null;
}

function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))) as Partial<T>;
}

export function toScimUser(p: PersonView, system: string | undefined, baseUrl: string): ScimUser {
  const e = anchorEmployment(p, system);
  const name = compact({ formatted: p.legalName, givenName: p.givenName, middleName: p.middleName, familyName: p.familyName });
  const enterprise = compact({
    employeeNumber: e?.employeeNumber, department: e?.department, organization: e?.organization?.name,
    manager: e?.manager ? compact({ value: e.manager.id, $ref: `${baseUrl}/Users/${e.manager.id}`, displayName: e.manager.legalName }) : null,
  });
  const body = compact({
    schemas: Object.keys(enterprise).length ? [USER_SCHEMA, ENTERPRISE_SCHEMA] : [USER_SCHEMA],
    id: p.id,
    externalId: e?.externalId,
    userName: p.primaryEmail,
    name: Object.keys(name).length ? name : null,
    displayName: p.preferredName ?? p.legalName,
    nickName: p.preferredName,
    title: e?.title,
    active: ACTIVE_STATUSES.has(p.employeeStatus),
    emails: p.emails.map((value) => ({ value, type: 'work', primary: value === p.primaryEmail })),
    phoneNumbers: p.phones.map((value, i) => ({ value, type: 'work', primary: i === 0 })),
    [ENTERPRISE_SCHEMA]: Object.keys(enterprise).length ? enterprise : null,
  });
  const version = `W/"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 22)}"`;
  return {
    ...body,
    id: p.id,
    meta: { resourceType: 'User', created: p.createdAt, lastModified: p.updatedAt, location: `${baseUrl}/Users/${p.id}`, version },
  } as ScimUser;
}

export async function getPersonView(api: GraphQLCaller, id: string): Promise<PersonView | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const d = await api.request<{ person: PersonView | null }>(`query ($id: ID!) { person(id: $id) { ${PERSON} } }`, { id });
  return d.person;
}

export interface PersonPage { nodes: PersonView[]; endCursor: string | null; hasNextPage: boolean }

export interface PersonListFilter { email?: string; system?: string }

export async function listPersonViews(api: GraphQLCaller, first: number, after: string | null, filter: PersonListFilter): Promise<PersonPage> {
  const d = await api.request<{ people: { edges: Array<{ node: PersonView }>; pageInfo: { endCursor: string | null; hasNextPage: boolean } } }>(
    `query ($first: Int!, $after: String, $filter: PersonFilter) { people(first: $first, after: $after, filter: $filter) { edges { node { ${PERSON} } } pageInfo { endCursor hasNextPage } } }`,
    { first, after, filter: Object.keys(filter).length ? filter : null },
  );
  return { nodes: d.people.edges.map((e) => e.node), endCursor: d.people.pageInfo.endCursor, hasNextPage: d.people.pageInfo.hasNextPage };
}

/** What a SCIM write says, in PeopleGraph's terms; `undefined` = not said (kept), `null` = cleared. */
export interface UserChange {
  userName?: string | null;
  externalId?: string | null;
  givenName?: string | null;
  middleName?: string | null;
  familyName?: string | null;
  formatted?: string | null;
  nickName?: string | null;
  email?: string | null;
  phone?: string | null;
  title?: string | null;
  active?: boolean;
  employeeNumber?: string | null;
  department?: string | null;
  organization?: string | null;
  managerId?: string | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

function primaryValue(list: unknown): string | null {
  if (!Array.isArray(list)) return str(list);
  const items = list.filter((x) => x && typeof x === 'object') as Array<{ value?: unknown; primary?: unknown }>;
  return str((items.find((x) => x.primary === true) ?? items[0])?.value);
}

function toBool(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  // Entra ID sends "True"/"False" as strings.
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  throw new ScimError(400, 'active must be a boolean', 'invalidValue');
}

function get(o: unknown, key: string): unknown {
  if (!o || typeof o !== 'object') return undefined;
  const k = Object.keys(o).find((x) => x.toLowerCase() === key.toLowerCase());
  return k === undefined ? undefined : (o as Record<string, unknown>)[k];
}

/** A full resource (POST, PUT): everything it does not carry is cleared. */
export function changeFromResource(r: unknown): UserChange {
  if (!r || typeof r !== 'object') throw new ScimError(400, 'The request body must be a SCIM User', 'invalidSyntax');
  const name = get(r, 'name');
  const ent = get(r, ENTERPRISE_SCHEMA);
  const manager = get(ent, 'manager');
  const active = get(r, 'active');
  return {
    userName: str(get(r, 'userName')),
    externalId: str(get(r, 'externalId')),
    givenName: str(get(name, 'givenName')),
    middleName: str(get(name, 'middleName')),
    familyName: str(get(name, 'familyName')),
    formatted: str(get(name, 'formatted')),
    nickName: str(get(r, 'nickName')),
    email: primaryValue(get(r, 'emails')),
    phone: primaryValue(get(r, 'phoneNumbers')),
    title: str(get(r, 'title')),
    active: active === undefined ? true : toBool(active),
    employeeNumber: str(get(ent, 'employeeNumber')),
    department: str(get(ent, 'department')),
    organization: str(get(ent, 'organization')),
    managerId: str(typeof manager === 'string' ? manager : get(manager, 'value')),
  };
}

const PATH_TARGETS: Record<string, keyof UserChange> = {
  username: 'userName', externalid: 'externalId', 'name.givenname': 'givenName', 'name.middlename': 'middleName', 'name.familyname': 'familyName',
  'name.formatted': 'formatted', nickname: 'nickName', displayname: 'nickName', title: 'title', active: 'active', emails: 'email',
  phonenumbers: 'phone', employeenumber: 'employeeNumber', department: 'department', organization: 'organization', manager: 'managerId',
  'manager.value': 'managerId',
};

function targetOf(path: string): keyof UserChange {
  let p = path.trim();
  const lower = p.toLowerCase();
  if (lower.startsWith(ENTERPRISE_SCHEMA.toLowerCase() + ':')) p = p.slice(ENTERPRISE_SCHEMA.length + 1);
  else if (lower.startsWith(USER_SCHEMA.toLowerCase() + ':')) p = p.slice(USER_SCHEMA.length + 1);
  // `emails[type eq "work"].value` and `phoneNumbers[…].value` address the one value we keep.
  p = p.replace(/\[[^\]]*\]/, '').replace(/^(emails|phoneNumbers)\.value$/i, '$1');
  const t = PATH_TARGETS[p.toLowerCase()];
  if (!t) throw new ScimError(400, `The path ${path.slice(0, 100)} is not supported`, 'invalidPath');
  return t;
}

function valueFor(target: keyof UserChange, v: unknown): UserChange[keyof UserChange] {
  if (target === 'active') return toBool(v);
  if (target === 'email' || target === 'phone') return Array.isArray(v) ? primaryValue(v) : str(typeof v === 'object' ? get(v, 'value') : v);
  if (target === 'managerId') return str(typeof v === 'object' ? get(v, 'value') : v);
  return str(v);
}

/** A PatchOp (RFC 7644 §3.5.2): only what its operations touch changes. */
export function changeFromPatch(body: unknown): UserChange {
  const ops = get(body, 'Operations');
  if (!Array.isArray(ops) || ops.length === 0) throw new ScimError(400, 'A PatchOp needs Operations', 'invalidSyntax');
  const change: UserChange = {};
  const set = (t: keyof UserChange, v: unknown) => {
    (change as Record<string, unknown>)[t] = valueFor(t, v);
  };
  for (const op of ops) {
    const kind = String(get(op, 'op') ?? '').toLowerCase();
    const path = get(op, 'path');
    const value = get(op, 'value');
    if (!['add', 'replace', 'remove'].includes(kind)) throw new ScimError(400, 'op must be add, replace or remove', 'invalidSyntax');
    if (typeof path === 'string' && path) {
      const t = targetOf(path);
      if (kind === 'remove') {
        if (t === 'active') throw new ScimError(400, 'active cannot be removed', 'mutability');
        (change as Record<string, unknown>)[t] = null;
      } else set(t, value);
      continue;
    }
    if (kind === 'remove') throw new ScimError(400, 'remove needs a path', 'noTarget');
    if (!value || typeof value !== 'object') throw new ScimError(400, 'An operation without a path needs an object value', 'invalidValue');
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (k.toLowerCase() === 'name' && v && typeof v === 'object') {
        for (const [nk, nv] of Object.entries(v)) set(targetOf(`name.${nk}`), nv);
      } else if (k.toLowerCase() === ENTERPRISE_SCHEMA.toLowerCase() && v && typeof v === 'object') {
        for (const [ek, ev] of Object.entries(v)) set(targetOf(ek), ev);
      } else if (k.toLowerCase() !== 'schemas') set(targetOf(k), v);
    }
  }
  return change;
}

/** The ingest attributes a change carries (only those it says something about). */
export function ingestAttributes(c: UserChange): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  const put = (k: string, v: string | null | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  put('givenName', c.givenName);
  put('middleName', c.middleName);
  put('familyName', c.familyName);
  put('fullName', c.formatted);
  put('preferredName', c.nickName);
  put('jobTitle', c.title);
  put('phone', c.phone);
  // userName is the primary e-mail; an explicit emails list wins.
  const email = c.email ?? (c.userName?.includes('@') ? c.userName : c.email);
  put('email', email);
  return out;
}

const INGEST = `mutation ($i: IngestPersonRecordInput!) { ingestPersonRecord(input: $i) { personId decision } }`;
const UPSERT_ORG = `mutation ($i: UpsertOrganizationInput!) { upsertOrganization(input: $i) { organization { id } } }`;
const UPSERT_EMPLOYMENT = `mutation ($i: UpsertEmploymentInput!) { upsertEmployment(input: $i) { employment { id } } }`;

/** Organization of employments whose SCIM client named none. */
export const UNASSIGNED_ORGANIZATION = { externalId: 'scim:unassigned', name: 'Unassigned' } as const;

export interface WriteTarget {
  system: string;
  sourceId: string;
  /** The employment as it stands (PATCH/PUT of an existing user), or null. */
  current: EmploymentView | null;
}

/** Sends the change through the ingest pipeline, then the employment; returns the golden person id. */
export async function applyUserChange(api: GraphQLCaller, target: WriteTarget, change: UserChange, now: Date, personId?: string): Promise<string> {
  const attributes = ingestAttributes(change);
  let id = personId;
  if (Object.keys(attributes).length > 0 || !id) {
    const d = await api.request<{ ingestPersonRecord: { personId: string } }>(INGEST, {
      i: { system: target.system, sourceId: target.sourceId, sourceTimestamp: now.toISOString(), attributes },
    });
    id = d.ingestPersonRecord.personId;
  }
  const touchesEmployment = ['active', 'title', 'employeeNumber', 'department', 'organization', 'managerId'].some((k) => (change as Record<string, unknown>)[k] !== undefined);
  if (!touchesEmployment && target.current) return id;
  const cur = target.current;
  let organizationId = cur?.organization?.id ?? null;
  if (change.organization !== undefined || !organizationId) {
    const name = change.organization ?? null;
    const org = await api.request<{ upsertOrganization: { organization: { id: string } } }>(UPSERT_ORG, {
      i: name
        ? { system: target.system, externalId: `scim:${name.toLowerCase()}`, name, kind: 'EMPLOYER' }
        : { system: target.system, externalId: UNASSIGNED_ORGANIZATION.externalId, name: UNASSIGNED_ORGANIZATION.name, kind: 'EMPLOYER' },
    });
    organizationId = org.upsertOrganization.organization.id;
  }
  const pick = <K extends keyof UserChange>(k: K, fallback: unknown) => (change[k] !== undefined ? change[k] : fallback);
  const active = change.active ?? (cur ? cur.status !== 'TERMINATED' : true);
  const status = active ? (cur && cur.status !== 'TERMINATED' ? cur.status : 'ACTIVE') : 'TERMINATED';
  await api.request(UPSERT_EMPLOYMENT, {
    i: {
      system: target.system, externalId: cur?.externalId ?? target.sourceId, personId: id, organizationId,
      jobId: cur?.job?.id ?? null, managerId: pick('managerId', cur?.manager?.id ?? null),
      title: pick('title', cur?.title ?? null), department: pick('department', cur?.department ?? null),
      employeeNumber: pick('employeeNumber', cur?.employeeNumber ?? null), status,
      hireDate: cur?.hireDate ?? null, endDate: active ? null : (cur?.endDate ?? now.toISOString().slice(0, 10)),
      salary: cur?.salary ?? null, currency: cur?.currency ?? null,
      sourceTimestamp: now.toISOString(), statusReason: cur && cur.status !== status ? 'SCIM' : null,
    },
  });
  return id;
}
