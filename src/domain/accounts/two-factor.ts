import { randomBytes } from 'node:crypto'
import { Secret, TOTP } from 'otpauth'

/**
 * Two-factor sign-in with time-based one-time codes (TOTP, RFC 6238): the
 * parameters every authenticator app understands (SHA-1, 6 digits, 30 s).
 */
const TOTP_PARAMS = { algorithm: 'SHA1', digits: 6, period: 30 } as const

/** Codes of the step before and after are accepted too: phones' clocks drift. */
const DRIFT_STEPS = 1

export const RECOVERY_CODE_COUNT = 10

// 32 letters and digits, without the ones people misread (i, l, o, 1): 5 bits each.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz023456789'

/** A new shared secret, 160 bits (RFC 4226's recommendation), in base32 as apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32
}

/** The otpauth:// address an authenticator app reads (from a QR code or typed in). */
export function otpauthUri(
  secret: string,
  { issuer, account }: { issuer: string; account: string },
) {
  return new TOTP({
    ...TOTP_PARAMS,
    issuer,
    label: account,
    secret: Secret.fromBase32(secret),
  }).toString()
}

/** The base32 secret in groups of four, as people type it. */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim()
}

/** A six-digit code, spaces allowed; anything else is not a code. */
export function totpCodeOf(input: string): string | undefined {
  const digits = input.replace(/\s+/g, '')
  return /^\d{6}$/.test(digits) ? digits : undefined
}

/** The time step a code belongs to, when it is right at `now` (± one step); undefined otherwise. */
export function stepOfCode(secret: string, code: string, now: Date): number | undefined {
  const timestamp = now.getTime()
  const delta = TOTP.validate({
    ...TOTP_PARAMS,
    token: code,
    secret: Secret.fromBase32(secret),
    timestamp,
    window: DRIFT_STEPS,
  })
  if (delta === null) return undefined
  return TOTP.counter({ period: TOTP_PARAMS.period, timestamp }) + delta
}

/** Ten single-use codes for when the phone is lost: 80 random bits each, as xxxx-xxxx-xxxx-xxxx. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = [...randomBytes(16)].map((byte) => RECOVERY_ALPHABET[byte % 32])
    return [0, 4, 8, 12].map((start) => chars.slice(start, start + 4).join('')).join('-')
  })
}

/** A recovery code as typed (any case, with or without dashes) in its stored form; undefined if it cannot be one. */
export function recoveryCodeOf(input: string): string | undefined {
  // An o typed for the zero is still the code.
  const plain = input
    .toLowerCase()
    .replace(/[\s-]+/g, '')
    .replaceAll('o', '0')
  if (plain.length !== 16 || ![...plain].every((char) => RECOVERY_ALPHABET.includes(char))) {
    return undefined
  }
  return [0, 4, 8, 12].map((start) => plain.slice(start, start + 4)).join('-')
}
