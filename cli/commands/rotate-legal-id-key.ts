// `peoplegraph rotate-legal-id-key`: after LEGAL_ID_ENCRYPTION_KEY_ID names a new key (the old ones stay in
// LEGAL_ID_ENCRYPTION_KEYS), re-encrypts every value still sealed with an older key. Safe to re-run.
import type { Config } from '../../platform/config';
import { openDatabase } from '../../platform/database';
import { reencryptLegalIdentifiers } from '../../subgraphs/person/store/legal-identifiers';

export async function rotateLegalIdKeyCommand(config: Config, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const db = await openDatabase(config.database);
  try {
    const ring = config.legalIdEncryption;
    const identifiers = await reencryptLegalIdentifiers(db, ring);
    out.write(`Re-encrypted ${identifiers} legal identifier(s) with key "${ring.activeKeyId}".\n`);
    return 0;
  } finally {
    await db.close();
  }
}
