import { ValidationError } from '../errors.js'

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
  passwordMin: 10,
  passwordMax: 200,
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

/** Length is what makes a password strong; no composition rules (NIST SP 800-63B). */
export function assertPassword(password: string, field = 'password'): void {
  if (password.length < USER_LIMITS.passwordMin || password.length > USER_LIMITS.passwordMax) {
    throw new ValidationError(
      'invalid_password',
      `A password is ${USER_LIMITS.passwordMin}–${USER_LIMITS.passwordMax} characters long.`,
      { field },
    )
  }
}
