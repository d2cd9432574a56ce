// AES-256-GCM with a key ring: legal identifiers and per-person data keys are encrypted under the ring's
// active key; the key id is stored with the ciphertext so older keys keep decrypting after a rotation.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EncryptionKeyRing } from './config';

export interface Sealed {
  keyId: string;
  nonce: Buffer;
  ciphertext: Buffer;
  authTag: Buffer;
}

export function encryptWithKey(key: Buffer, plaintext: Buffer, aad: string): { nonce: Buffer; ciphertext: Buffer; authTag: Buffer } {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { nonce, ciphertext, authTag: cipher.getAuthTag() };
}

/** Throws when the tag does not verify (wrong key, wrong associated data or tampered bytes). */
export function decryptWithKey(key: Buffer, sealed: { nonce: Uint8Array; ciphertext: Uint8Array; authTag: Uint8Array }, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.nonce));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.authTag));
  return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext)), decipher.final()]);
}

/** Encrypts under the ring's active key. `aad` binds the ciphertext to its row (it cannot be moved to another). */
export function seal(ring: EncryptionKeyRing, plaintext: Buffer, aad: string): Sealed {
  return { keyId: ring.activeKeyId, ...encryptWithKey(ring.keys[ring.activeKeyId]!, plaintext, aad) };
}

export class UnknownKeyError extends Error {
  constructor(public readonly keyId: string) {
    super(`Encryption key "${keyId}" is not in LEGAL_ID_ENCRYPTION_KEYS`);
    this.name = 'UnknownKeyError';
  }
}

export function unseal(ring: EncryptionKeyRing, sealed: { keyId: string; nonce: Uint8Array; ciphertext: Uint8Array; authTag: Uint8Array }, aad: string): Buffer {
  const key = ring.keys[sealed.keyId];
  if (!key) throw new UnknownKeyError(sealed.keyId);
  return decryptWithKey(key, sealed, aad);
}
