// SCIM filters (RFC 7644 §3.4.2.2): parsed into a tree and evaluated against a SCIM resource. Attribute
// paths are case-insensitive, may carry a schema URN prefix and a sub-attribute (`name.familyName`),
// and a multi-valued attribute matches when any of its values does (`emails.value`, `emails[type eq "work"]`).
import { ScimError } from './scim-error';

export type Filter =
  | { op: 'and' | 'or'; left: Filter; right: Filter }
  | { op: 'not'; filter: Filter }
  | { op: 'pr'; path: string }
  | { op: 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le'; path: string; value: string | number | boolean | null }
  | { op: 'valuePath'; path: string; filter: Filter };

const COMPARE = new Set(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);
const TOKEN = /\s*(\(|\)|\[|\]|"(?:[^"\\]|\\.)*"|[^\s()[\]]+)/y;

function tokenize(input: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (TOKEN.lastIndex < input.length && (m = TOKEN.exec(input))) tokens.push(m[1]!);
  if (TOKEN.lastIndex < input.trimEnd().length) throw new ScimError(400, 'The filter could not be read', 'invalidFilter');
  return tokens;
}

export function parseFilter(input: string): Filter {
  const tokens = tokenize(input);
  let i = 0;
  const peek = () => tokens[i];
  const next = () => {
    const t = tokens[i++];
    if (t === undefined) throw new ScimError(400, 'The filter ends too early', 'invalidFilter');
    return t;
  };
  const parseOr = (): Filter => {
    let left = parseAnd();
    while (peek()?.toLowerCase() === 'or') {
      i++;
      left = { op: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): Filter => {
    let left = parseUnary();
    while (peek()?.toLowerCase() === 'and') {
      i++;
      left = { op: 'and', left, right: parseUnary() };
    }
    return left;
  };
  const parseUnary = (): Filter => {
    const t = next();
    if (t.toLowerCase() === 'not') {
      if (next() !== '(') throw new ScimError(400, 'not must be followed by a parenthesised filter', 'invalidFilter');
      const inner = parseOr();
      if (next() !== ')') throw new ScimError(400, 'A parenthesis is not closed', 'invalidFilter');
      return { op: 'not', filter: inner };
    }
    if (t === '(') {
      const inner = parseOr();
      if (next() !== ')') throw new ScimError(400, 'A parenthesis is not closed', 'invalidFilter');
      return inner;
    }
    if (!/^[A-Za-z][\w:.$-]*$/.test(t)) throw new ScimError(400, 'An attribute path was expected', 'invalidFilter');
    if (peek() === '[') {
      i++;
      const inner = parseOr();
      if (next() !== ']') throw new ScimError(400, 'A value filter is not closed', 'invalidFilter');
      // `emails[type eq "work"].value` is not a filter expression; a sub-attribute after ] is refused.
      return { op: 'valuePath', path: t, filter: inner };
    }
    const op = next().toLowerCase();
    if (op === 'pr') return { op: 'pr', path: t };
    if (!COMPARE.has(op)) throw new ScimError(400, `Unknown filter operator`, 'invalidFilter');
    return { op: op as 'eq', path: t, value: parseValue(next()) };
  };
  const tree = parseOr();
  if (i !== tokens.length) throw new ScimError(400, 'Unexpected text after the filter', 'invalidFilter');
  return tree;
}

function parseValue(t: string): string | number | boolean | null {
  if (t.startsWith('"')) return JSON.parse(t) as string;
  if (t === 'true' || t === 'false') return t === 'true';
  if (t === 'null') return null;
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  throw new ScimError(400, 'A comparison value must be a string, number, boolean or null', 'invalidFilter');
}

/** Splits `urn:…:User:manager.value` into ['urn:…:User', 'manager', 'value'] style keys (schema first when present). */
export function splitPath(path: string): string[] {
  const lower = path;
  const urn = /^(urn:[^ ]+):([^:]+)$/i.exec(lower);
  if (urn) return [urn[1]!, ...urn[2]!.split('.')];
  return lower.split('.');
}

function getCaseInsensitive(obj: unknown, key: string): unknown {
  if (!obj || typeof obj !== 'object') return undefined;
  const k = Object.keys(obj).find((x) => x.toLowerCase() === key.toLowerCase());
  return k === undefined ? undefined : (obj as Record<string, unknown>)[k];
}

/** Every value at `path` of the resource (flattening multi-valued attributes). Core User paths need no URN. */
export function valuesAt(resource: unknown, path: string): unknown[] {
  let current: unknown[] = [resource];
  const parts = splitPath(path);
  if (parts[0]!.toLowerCase() === 'urn:ietf:params:scim:schemas:core:2.0:user') parts.shift();
  for (const part of parts) {
    const nextValues: unknown[] = [];
    for (const c of current) {
      const v = getCaseInsensitive(c, part);
      if (Array.isArray(v)) nextValues.push(...v);
      else if (v !== undefined && v !== null) nextValues.push(v);
    }
    current = nextValues;
  }
  return current;
}

function compare(op: string, actual: unknown, expected: string | number | boolean | null, caseExact: boolean): boolean {
  if (expected === null) return op === 'eq' ? actual === null : op === 'ne' ? actual !== null : false;
  if (typeof actual === 'boolean' || typeof expected === 'boolean') {
    return op === 'eq' ? actual === expected : op === 'ne' ? actual !== expected : false;
  }
  const a = caseExact ? String(actual) : String(actual).toLowerCase();
  const e = caseExact ? String(expected) : String(expected).toLowerCase();
  switch (op) {
    case 'eq': return a === e;
    case 'ne': return a !== e;
    case 'co': return a.includes(e);
    case 'sw': return a.startsWith(e);
    case 'ew': return a.endsWith(e);
    case 'gt': return a > e;
    case 'ge': return a >= e;
    case 'lt': return a < e;
    case 'le': return a <= e;
    default: return false;
  }
}

/** Attributes whose comparisons are case-exact (RFC 7643: id, externalId, meta.version). */
const CASE_EXACT = new Set(['id', 'externalid', 'meta.version']);

export function matchesFilter(resource: unknown, filter: Filter): boolean {
  switch (filter.op) {
    case 'and': return matchesFilter(resource, filter.left) && matchesFilter(resource, filter.right);
    case 'or': return matchesFilter(resource, filter.left) || matchesFilter(resource, filter.right);
    case 'not': return !matchesFilter(resource, filter.filter);
    case 'pr': return valuesAt(resource, filter.path).some((v) => v !== '' && !(Array.isArray(v) && v.length === 0));
    case 'valuePath': {
      const parts = splitPath(filter.path);
      const items = valuesAt(resource, filter.path);
      return parts.length > 0 && items.some((item) => matchesFilter(item, filter.filter));
    }
    default: {
      const exact = CASE_EXACT.has(filter.path.toLowerCase());
      const values = valuesAt(resource, filter.path).map((v) => (v && typeof v === 'object' && 'value' in v ? (v as { value: unknown }).value : v));
      if (filter.op === 'ne') return values.length === 0 || values.every((v) => compare('ne', v, filter.value, exact));
      return values.some((v) => compare(filter.op, v, filter.value, exact));
    }
  }
}

/** `userName eq "x"` (the lookup every provisioning client starts with), reduced to its value; else null. */
export function equalityOn(filter: Filter, attribute: string): string | null {
  if (filter.op === 'eq' && filter.path.toLowerCase() === attribute.toLowerCase() && typeof filter.value === 'string') return filter.value;
  if (filter.op === 'and') return equalityOn(filter.left, attribute) ?? equalityOn(filter.right, attribute);
  return null;
}
