/**
 * The secrets of the users and roles (issue 12), each stored only as a hash:
 * - passwords: scrypt (node:crypto; RFC 7914), the memory-hard KDF Node maintains, with a random
 *   16-byte salt and its parameters stored beside the hash (`scrypt$N$r$p$salt$hash`), so they can
 *   be raised later without breaking the stored ones. N = 2^15, r = 8, p = 3: 32 MiB per hash, one
 *   of OWASP's scrypt settings (Password Storage Cheat Sheet, 2025), ≈ 0.1–0.3 s here; run on
 *   libuv's thread pool, not the event loop.
 * - API tokens and session ids: 256 random bits (crypto.randomBytes), stored as their SHA-256 (a
 *   random 256-bit value needs no slow hash: it cannot be guessed, and a leaked table reveals none).
 */
import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export const SCRYPT = Object.freeze({ N: 2 ** 15, r: 8, p: 3, keyLength: 32, saltBytes: 16 });
/** Tokens start so (greppable in logs and secret scanners; the rest is 43 base64url characters). */
export const TOKEN_PREFIX = 'covgap_';
/** Characters of a token kept for listing (the prefix and 6 random ones: 36 bits, not enough to use). */
export const TOKEN_SHOWN = TOKEN_PREFIX.length + 6;

const derive = (password: string, salt: Buffer, o: { N: number; r: number; p: number }, keyLength: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const options: ScryptOptions = { N: o.N, r: o.r, p: o.p, maxmem: 256 * o.N * o.r + 1024 * 1024 };
    scrypt(password.normalize('NFC'), salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key)));
  });

/**
 * @example
 * const stored = await hashPassword('correct horse'); // 'scrypt$32768$8$3$…$…'
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SCRYPT.saltBytes);
  const key = await derive(password, salt, SCRYPT, SCRYPT.keyLength);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True when `password` matches `stored` (constant-time comparison; a malformed `stored` is false). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  const o = { N: Number(n), r: Number(r), p: Number(p) };
  if (kind !== 'scrypt' || !Number.isInteger(o.N) || !Number.isInteger(o.r) || !Number.isInteger(o.p) || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), o, expected.length);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A stored hash no password matches, to spend the same time on an unknown user name. */
export const DUMMY_HASH = `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(32, 1).toString('base64url')}`;

/** A new secret of 256 random bits, base64url. */
export const randomSecret = (): string => randomBytes(32).toString('base64url');

/** A new API token: `covgap_` and 256 random bits. */
export const newToken = (): string => `${TOKEN_PREFIX}${randomSecret()}`;

/** Hex SHA-256 of a token or session id: what the store keeps. */
export const sha256 = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** A short random id (tokens' ids). */
export const shortId = (): string => randomBytes(6).toString('hex');
