import bcrypt from "bcryptjs";

/** bcrypt work factor: about a quarter of a second per hash on the 2-core machines we target. */
const BCRYPT_ROUNDS = 12;
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

/** Hashes a password with bcrypt (slow on purpose). */
export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_ROUNDS);
}

/** Compares a password with a stored hash; bcrypt's compare is constant-time in the hash. */
export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

let dummyHash: Promise<string> | undefined;
/**
 * Spends the same time as a real check when the email is unknown, so response times do not
 * reveal which emails have accounts. Always resolves to false.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= bcrypt.hash("not-a-real-password", BCRYPT_ROUNDS);
  await bcrypt.compare(password, await dummyHash);
  return false;
}
