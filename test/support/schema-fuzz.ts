// Operations generated from the composed schema: every query and mutation field with arguments drawn
// from valid, boundary and hostile values, and a selection of the scalar fields it returns. Seeded
// by a number, so a failing run can be replayed exactly.
import {
  getNamedType, getNullableType, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType, isScalarType,
  type GraphQLField, type GraphQLInputType, type GraphQLObjectType, type GraphQLOutputType, type GraphQLSchema,
} from 'graphql';

export interface FuzzOperation {
  field: string;
  query: string;
  variables: Record<string, unknown>;
}

/** Ids that exist in the seeded database, by the entity they name. */
export interface IdPools { person: string[]; organization: string[]; job: string[]; employment: string[]; offer: string[]; review: string[]; sourceRecord: string[] }

/** Strings an attacker or a clumsy client sends: control characters, broken UTF-16, bidi, SQL and LIKE shapes, huge. */
export const HOSTILE_STRINGS: readonly string[] = [
  '', ' ', 'a', 'Anna', 'anna@example.com', '+1 415 555 2671', '1985-02-30', 'DE',
  '\u0000', 'a\u0000b', '\uD800', 'x\uDFFFy', '\u202Eevil\u202C', 'Jo\u200Bhn', '\uFEFF',
  "' OR 1=1 --", '"; DROP TABLE "Person"; --', '%', '_', '%_%', '\\', '\\%', '$1', '{"$gt":""}',
  '<script>alert(1)</script>', '../../etc/passwd', 'A'.repeat(5000), '😀'.repeat(100), 'null', 'undefined', '-1',
];

export class Prng {
  private state: number;
  constructor(seed: number) { this.state = seed >>> 0 || 1; }
  next(): number {
    // xorshift32: small, fast, good enough to spread choices.
    let x = this.state;
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 0x100000000;
  }
  int(n: number): number { return Math.floor(this.next() * n); }
  pick<T>(items: readonly T[]): T { return items[this.int(items.length)]!; }
  chance(p: number): boolean { return this.next() < p; }
}

const UUID_SHAPED = ['00000000-0000-0000-0000-000000000000', '01a216c5-0000-7000-8000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff'];

function idPoolFor(argName: string, pools: IdPools): string[] {
  const n = argName.toLowerCase();
  if (n.includes('review')) return pools.review;
  if (n.includes('sourcerecord')) return pools.sourceRecord;
  if (n.includes('organization') || n === 'parentid') return pools.organization;
  if (n.includes('job')) return pools.job;
  if (n.includes('employment')) return pools.employment;
  if (n.includes('offer')) return pools.offer;
  return pools.person;
}

export class OperationGenerator {
  constructor(private readonly schema: GraphQLSchema, private readonly pools: IdPools, private readonly rng: Prng) {}

  /** Every root field once per call, in schema order (federation entry points excluded: tried separately). */
  rootFields(): Array<{ kind: 'query' | 'mutation'; field: GraphQLField<unknown, unknown> }> {
    const out: Array<{ kind: 'query' | 'mutation'; field: GraphQLField<unknown, unknown> }> = [];
    for (const [kind, type] of [['query', this.schema.getQueryType()], ['mutation', this.schema.getMutationType()]] as const) {
      for (const field of Object.values(type?.getFields() ?? {})) if (!field.name.startsWith('_')) out.push({ kind, field });
    }
    return out;
  }

  operation(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): FuzzOperation {
    const variables: Record<string, unknown> = {};
    const defs: string[] = [];
    const args: string[] = [];
    for (const arg of field.args) {
      // Optional arguments are left out now and then, required ones are (almost) always sent.
      if (!isNonNullType(arg.type) && this.rng.chance(0.35)) continue;
      if (isNonNullType(arg.type) && this.rng.chance(0.03)) continue;
      variables[arg.name] = this.value(arg.type, arg.name, 0);
      defs.push(`$${arg.name}: ${String(arg.type)}`);
      args.push(`${arg.name}: $${arg.name}`);
    }
    const selection = this.selection(field.type, 0);
    const head = defs.length ? `(${defs.join(', ')})` : '';
    const call = args.length ? `(${args.join(', ')})` : '';
    return { field: `${kind}.${field.name}`, query: `${kind} Fuzz${head} { ${field.name}${call}${selection} }`, variables };
  }

  private selection(type: GraphQLOutputType, depth: number): string {
    const named = getNamedType(type);
    if (!isObjectType(named)) return '';
    const fields = Object.values((named as GraphQLObjectType).getFields());
    const parts: string[] = [];
    for (const f of fields) {
      const required = f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined);
      const leaf = getNamedType(f.type);
      if (isScalarType(leaf) || isEnumType(leaf)) {
        if (!required) parts.push(f.name);
      } else if (depth < 2 && !required && (this.rng.chance(0.5) || ['edges', 'node', 'pageInfo'].includes(f.name))) {
        const inner = this.selection(f.type, depth + 1);
        if (inner) parts.push(`${f.name}${inner}`);
      }
    }
    if (parts.length === 0) parts.push('__typename');
    return ` { ${parts.join(' ')} }`;
  }

  value(type: GraphQLInputType, name: string, depth: number): unknown {
    if (isNonNullType(type)) return this.value(type.ofType, name, depth);
    const t = getNullableType(type);
    if (this.rng.chance(0.04)) return null;
    if (isListType(t)) {
      const roll = this.rng.next();
      const n = roll < 0.15 ? 0 : roll < 0.9 ? 1 + this.rng.int(3) : roll < 0.97 ? 50 : 1001;
      return Array.from({ length: n }, () => this.value(t.ofType as GraphQLInputType, name, depth + 1));
    }
    if (isEnumType(t)) return this.rng.chance(0.93) ? this.rng.pick(t.getValues()).name : 'NOT_A_VALUE';
    if (isInputObjectType(t)) {
      if (depth > 3) return {};
      const out: Record<string, unknown> = {};
      for (const f of Object.values(t.getFields())) {
        if (!isNonNullType(f.type) && this.rng.chance(0.4)) continue;
        out[f.name] = this.value(f.type, f.name, depth + 1);
      }
      return out;
    }
    switch (t.name) {
      case 'ID':
        return this.rng.chance(0.7) ? this.rng.pick(idPoolFor(name, this.pools).length ? idPoolFor(name, this.pools) : UUID_SHAPED) : this.rng.pick([...UUID_SHAPED, ...HOSTILE_STRINGS]);
      case 'Int':
        return this.rng.pick([0, 1, 2, 5, 20, 50, 100, 500, 1000, -1, 2147483647, -2147483648]);
      case 'Float':
        return this.rng.pick([0, 0.5, 0.9, 1, -1, 1e308, -1e308, 123.456]);
      case 'Boolean':
        return this.rng.chance(0.5);
      case 'DateTimeISO':
        return this.rng.pick(['2026-05-01T10:00:00.000Z', '1900-01-01T00:00:00Z', '2999-12-31T23:59:59Z', 'yesterday', '2026-13-45T99:00:00Z', '']);
      case 'LocalDate':
        return this.rng.pick(['1985-09-03', '2026-02-29', '0000-00-00', '1985-02-30', 'soon', '']);
      case 'Decimal':
        return this.rng.pick(['85000', '0.01', '-1', '1e400', 'NaN', 'abc', '99999999999999999999.99']);
      case 'JSON':
        return this.rng.pick([{}, { a: 1 }, [], 'x', { nested: { deep: ['\u0000'] } }]);
      default:
        return this.string(name);
    }
  }

  private string(name: string): string {
    const n = name.toLowerCase();
    if (this.rng.chance(0.45)) return this.rng.pick(HOSTILE_STRINGS);
    if (n === 'system' || n.endsWith('system')) return this.rng.pick(['CRM', 'ATS', 'HRIS', 'crm', 'ERP']);
    if (n.includes('email')) return this.rng.pick(['fuzz.person@example.com', '"Jay Jones" <jj@fmail.com>', 'no-at-sign']);
    if (n.includes('phone')) return this.rng.pick(['+49 30 901820', '07780 285087', '555']);
    if (n.includes('country')) return this.rng.pick(['DE', 'GB', 'US', 'Germany']);
    if (n.includes('currency')) return this.rng.pick(['EUR', 'USD', 'euro']);
    if (n.includes('purpose')) return this.rng.pick(['MARKETING', 'RECRUITING', 'UNKNOWN']);
    if (n.includes('date')) return this.rng.pick(['1985-09-03', '1991-20-08']);
    return `fuzz-${this.rng.int(1_000_000)}`;
  }
}
