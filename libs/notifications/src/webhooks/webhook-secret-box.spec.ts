import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret, openSecret, sealSecret } from './webhook-secret-box.js';

describe('webhook secrets', () => {
  const key = randomBytes(32);

  it('should generate Standard Webhooks secrets the official library signs and verifies with', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const hook = new Webhook(secret);
    const timestamp = new Date();
    const payload = '{"type":"announcement"}';
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': hook.sign('msg_1', timestamp, payload),
    };
    expect(hook.verify(payload, headers)).toEqual({ type: 'announcement' });
  });

  it('should store a secret encrypted and recover it with the same key only', () => {
    const secret = generateWebhookSecret();
    const sealed = sealSecret(key, secret);
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain(secret.slice(6));
    expect(sealSecret(key, secret)).not.toBe(sealed); // a fresh IV each time
    expect(openSecret(key, sealed)).toBe(secret);
    expect(() => openSecret(randomBytes(32), sealed)).toThrow();
    // Any altered byte of the ciphertext fails authentication.
    const [version, iv, tag, ciphertext] = sealed.split('.') as [string, string, string, string];
    const altered = `${ciphertext[0] === 'A' ? 'B' : 'A'}${ciphertext.slice(1)}`;
    expect(() => openSecret(key, [version, iv, tag, altered].join('.'))).toThrow();
  });
});
