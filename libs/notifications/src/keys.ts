import { hkdfSync } from 'node:crypto';
import type { AppConfig } from '@accord/core';

export type KeyPurpose = 'opt-out-links' | 'webhook-secrets';

/**
 * A 256-bit key for one purpose. Webhook secrets use WEBHOOK_SECRET_KEY when set (so JWT_SECRET can be rotated
 * without losing them); everything else, and webhook secrets by default, derive from JWT_SECRET. HKDF with the
 * purpose as label keeps the keys independent of each other and of the JWT signing key itself.
 */
export function deriveKey(config: Pick<AppConfig, 'jwtSecret' | 'notifications'>, purpose: KeyPurpose): Buffer {
  const material =
    purpose === 'webhook-secrets' && config.notifications.webhookSecretKey
      ? config.notifications.webhookSecretKey
      : config.jwtSecret;
  return Buffer.from(hkdfSync('sha256', material, 'accord', `accord:${purpose}`, 32));
}
