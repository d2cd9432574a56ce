/** Canonical form of a legal identifier before hashing: letters and digits only, upper case. */
export function normalizeNationalId(value: string | null | undefined): string | null {
  if (value == null) return null;
  const cleaned = value.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return cleaned.length > 0 ? cleaned : null;
}

/**
 * Keyed hashes of a legal identifier and of its one-deletion neighbourhood (the id with each single
 * character removed). Two ids within one substitution, insertion, deletion or adjacent transposition
 * share at least one variant, so a typo can be told from a genuinely different id while only keyed
 * hashes are stored. `hmac` is supplied by the caller (it holds the secret); core never sees the key.
 */
export function deriveNationalIdHashes(
  nationalId: string | null | undefined,
  hmac: (value: string) => string,
): { nationalIdHash: string; nationalIdVariantHashes: string[] } | null {
  const id = normalizeNationalId(nationalId);
  if (!id) return null;
  const variants = new Set<string>();
  for (let i = 0; i < id.length; i += 1) variants.add(`${id.slice(0, i)}${id.slice(i + 1)}`);
  return {
    nationalIdHash: hmac(id),
    nationalIdVariantHashes: [...variants].sort().map(hmac).sort(),
  };
}
