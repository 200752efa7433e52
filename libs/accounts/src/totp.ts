import { generateSecret, generateURI, verify } from 'otplib';

export const newTotpSecret = () => generateSecret();

export const totpUri = (email: string, secret: string) => generateURI({ issuer: 'Accord', label: email, secret });

/** Accepts the current 30-second code and its neighbours (clock drift of a phone). */
export async function verifyTotp(secret: string, code: string): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  try {
    return (await verify({ secret, token: code, epochTolerance: 30 })).valid;
  } catch {
    return false;
  }
}
