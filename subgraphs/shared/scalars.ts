// Scalars shared by all subgraphs (same name and semantics everywhere, as federation requires).
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseLocalDate(value: unknown): Date {
  if (typeof value !== 'string' || !DATE_RE.test(value)) {
    throw new GraphQLError('LocalDate must be a string YYYY-MM-DD', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  const d = new Date(`${value}T00:00:00.000Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw new GraphQLError('LocalDate is not a calendar date', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return d;
}

/** A calendar date without time zone (birth date, hire date), as YYYY-MM-DD. */
export const LocalDateScalar = new GraphQLScalarType({
  name: 'LocalDate',
  description: 'A calendar date without time zone, formatted YYYY-MM-DD (a masked date is its year alone, YYYY).',
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    // A date masked by the field policy (birth date → year) is returned as the year alone.
    if (typeof value === 'string' && /^\d{4}$/.test(value)) return value;
    if (typeof value === 'string' && DATE_RE.test(value.slice(0, 10))) return value.slice(0, 10);
    throw new GraphQLError('LocalDate cannot represent this value');
  },
  parseValue: parseLocalDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('LocalDate must be a string YYYY-MM-DD', { extensions: { code: 'BAD_USER_INPUT' } });
    return parseLocalDate(ast.value);
  },
});

const DECIMAL_RE = /^-?\d{1,10}(\.\d{1,2})?$/;

/** Money amounts: exact decimal strings ("85000.00"), never binary floating point. */
export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description: 'An exact decimal number with up to two fraction digits, serialized as a string.',
  serialize: (value) => {
    if (value === null || value === undefined) return null;
    const s = typeof value === 'object' && 'toFixed' in (value as object) ? (value as { toFixed(n: number): string }).toFixed(2) : String(value);
    return s;
  },
  parseValue: (value) => {
    const s = typeof value === 'number' ? String(value) : value;
    if (typeof s !== 'string' || !DECIMAL_RE.test(s)) {
      throw new GraphQLError('Decimal must look like "12345.67"', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return s;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING && ast.kind !== Kind.INT && ast.kind !== Kind.FLOAT) {
      throw new GraphQLError('Decimal must look like "12345.67"', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    if (!DECIMAL_RE.test(ast.value)) throw new GraphQLError('Decimal must look like "12345.67"', { extensions: { code: 'BAD_USER_INPUT' } });
    return ast.value;
  },
});
