import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new per-install secret; stored in the library's settings, never sent anywhere. */
export const newSigningSecret = (): string => randomBytes(32).toString('base64url');

/** HEAD is GET without a body, so one signature covers both. */
const methodClass = (method: string): string => (method === 'HEAD' ? 'GET' : method);

export function sign(secret: string, fileId: string, exp: number, method = 'GET'): string {
  return createHmac('sha256', secret).update(`${methodClass(method)}\n${fileId}\n${exp}`).digest('base64url');
}

/** Constant-time check of a signature and its expiry (unix seconds). */
export function verify(secret: string, fileId: string, exp: number, sig: string, method: string, nowSeconds: number): boolean {
  if (!Number.isSafeInteger(exp) || exp < nowSeconds) return false;
  const expected = Buffer.from(sign(secret, fileId, exp, method));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
