// What a sourced grant shows of one golden value (see field-policy.ts): the parts a named system
// supplied, in full; the rest masked (when the caller holds the mask) or left out. Pure: the caller
// passes the attribute's provenance (winning system and every candidate value with its system).
import { applyMask, type MaskName } from './masks';

export interface ValueProvenance {
  /** The system whose value won. */
  system: string | null;
  /** Every source's value with its system, as survivorship ranked them. */
  candidates: ReadonlyArray<{ value: unknown; system: string }>;
}

export interface SourcedReveal {
  systems: ReadonlySet<string>;
  /** The mask for the parts not supplied by those systems; absent: those parts are not shown. */
  mask?: MaskName;
  /** The comparable form of a list element or candidate value (lower-case e-mail, E.164 phone), null when it has none. */
  comparable(value: string): string | null;
}

function otherwise(r: SourcedReveal, value: unknown): unknown {
  return r.mask ? applyMask(r.mask, value) : null;
}

export function revealSourcedValue(value: unknown, provenance: ValueProvenance | null, r: SourcedReveal): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) {
    // Lists (e-mails, phones) are the union of every source's values: each element on its own.
    const supplied = new Set(
      (provenance?.candidates ?? [])
        .filter((c) => r.systems.has(c.system) && typeof c.value === 'string')
        .map((c) => r.comparable(c.value as string))
        .filter((c): c is string => c !== null),
    );
    return value
      .map((v) => (typeof v === 'string' && supplied.has(r.comparable(v) ?? '\u0000') ? v : otherwise(r, v)))
      .filter((v) => v !== null);
  }
  return provenance?.system && r.systems.has(provenance.system) ? value : otherwise(r, value);
}
