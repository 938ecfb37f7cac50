import { ValidationError } from '../errors.js'
import { passwordWeakness } from './password-strength.js'

export type Role = 'contributor' | 'editor' | 'admin'

export const ROLES: readonly Role[] = ['contributor', 'editor', 'admin']

/** A member of staff who signs in to the newsroom. Their byline is their author profile. */
export interface User {
  id: string
  email: string
  displayName: string
  role: Role
  /** The author whose byline this user writes under. */
  authorId: string | null
  active: boolean
  createdAt: Date
  updatedAt: Date
}

export const USER_LIMITS = {
  email: 254,
  displayName: 100,
  passwordMin: 12,
  passwordMax: 200,
  /**
   * The longest password the sign-in form takes. Longer than any password that can be
   * set, so none is refused for length alone, yet nothing near megabytes is ever hashed.
   */
  signInPasswordMax: 1024,
} as const

/** Emails compare case-insensitively; they are stored lower-cased. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value)
}

export function assertEmail(email: string): void {
  if (email.length > USER_LIMITS.email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new ValidationError('invalid_email', 'Enter an email address such as name@example.com.', {
      field: 'email',
    })
  }
}

export function assertDisplayName(name: string): void {
  if (name.trim() === '' || name.length > USER_LIMITS.displayName) {
    throw new ValidationError(
      'invalid_display_name',
      `A name is 1–${USER_LIMITS.displayName} characters.`,
      { field: 'displayName' },
    )
  }
}

/**
 * A password someone may set: long enough, and not one an attacker would try
 * early (NIST SP 800-63B: length and a check against known passwords, no
 * composition rules). `known` are words about the account (email, name) that
 * make a password easy to guess for someone who knows them.
 */
export async function assertPassword(
  password: string,
  field = 'password',
  known: string[] = [],
): Promise<void> {
  if (password.length < USER_LIMITS.passwordMin) {
    throw new ValidationError(
      'invalid_password',
      `A password needs at least ${USER_LIMITS.passwordMin} characters: length is what makes one hard to guess.`,
      { field },
    )
  }
  if (password.length > USER_LIMITS.passwordMax) {
    throw new ValidationError(
      'invalid_password',
      `A password is at most ${USER_LIMITS.passwordMax} characters.`,
      { field },
    )
  }
  const weakness = await passwordWeakness(password, known)
  if (weakness) throw new ValidationError('weak_password', weakness, { field })
}

/** What the sign-in form may carry: refused before anything is looked up, stored or hashed. */
export function assertSignInFields(email: string, password: string): void {
  if (email.length > USER_LIMITS.email) {
    throw new ValidationError(
      'invalid_email',
      `An email address is at most ${USER_LIMITS.email} characters.`,
      { field: 'email' },
    )
  }
  if (password.length > USER_LIMITS.signInPasswordMax) {
    throw new ValidationError(
      'invalid_password',
      `A password is at most ${USER_LIMITS.passwordMax} characters.`,
      { field: 'password' },
    )
  }
}
