import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: a code read aloud or typed from a phone screen survives. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LENGTH = 8;

/** 31^8 ≈ 8.5e11 codes: guessing one is hopeless, typing one is easy. */
export function newInviteCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}
