// Signing secrets are stored sealed (AES-256-GCM under the key ring of LEGAL_ID_ENCRYPTION_KEYS, bound
// to their subscription id), so reading the database is not enough to forge a webhook.
import type { EncryptionKeyRing } from '../../platform/config';
import { seal, unseal } from '../../platform/encryption';

const PREFIX = 'sealed:v1';

export function sealWebhookSecret(ring: EncryptionKeyRing, subscriptionId: string, secret: string): string {
  const s = seal(ring, Buffer.from(secret, 'utf8'), `webhook:${subscriptionId}`);
  return [PREFIX, s.keyId, s.nonce.toString('base64'), s.ciphertext.toString('base64'), s.authTag.toString('base64')].join(':');
}

/** Throws when the key is not in the ring or the value was altered or moved to another subscription. */
export function openWebhookSecret(ring: EncryptionKeyRing, subscriptionId: string, stored: string): string {
  const parts = stored.split(':');
  if (parts.length !== 6 || `${parts[0]}:${parts[1]}` !== PREFIX) throw new Error('stored webhook secret is not sealed');
  const [, , keyId, nonce, ciphertext, authTag] = parts as [string, string, string, string, string, string];
  return unseal(ring, { keyId, nonce: Buffer.from(nonce, 'base64'), ciphertext: Buffer.from(ciphertext, 'base64'), authTag: Buffer.from(authTag, 'base64') }, `webhook:${subscriptionId}`).toString('utf8');
}
