import type { Session } from './session.js'
import type { Role, User } from './user.js'

export type { AttemptCounterStore } from './attempt-limits.js'

export interface UserWithHash extends User {
  passwordHash: string
}

export interface UserStore {
  findById(id: string): Promise<User | undefined>
  findByEmailWithHash(email: string): Promise<UserWithHash | undefined>
  findByAuthorId(authorId: string): Promise<User | undefined>
  list(): Promise<User[]>
  countActiveAdmins(): Promise<number>
  insert(user: UserWithHash): Promise<void>
  update(
    id: string,
    changes: { displayName?: string; role?: Role; active?: boolean; updatedAt: Date },
  ): Promise<void>
  setPasswordHash(id: string, passwordHash: string, updatedAt: Date): Promise<void>
  /** The author whose bylines are this user's. */
  linkAuthor(id: string, authorId: string): Promise<void>
}

export interface SessionStore {
  insert(session: Session): Promise<void>
  findById(id: string): Promise<Session | undefined>
  touch(id: string, lastSeenAt: Date, expiresAt: Date): Promise<void>
  /** The user proved who they are again, just now. */
  setAuthenticatedAt(id: string, at: Date): Promise<void>
  delete(id: string): Promise<void>
  /** Ends every session of a user but, optionally, one. */
  deleteForUser(userId: string, exceptId?: string): Promise<void>
  deleteExpired(now: Date): Promise<void>
}

/** A member of staff's authenticator (TOTP), as stored. */
export interface TwoFactorRecord {
  userId: string
  /** The shared secret, sealed under a key outside this row (SignInKeys.seal). */
  sealedSecret: string
  /** Null while being set up: not used for signing in until a first code confirms it. */
  confirmedAt: Date | null
  /** The last time step whose code was accepted: no code is accepted twice. */
  lastStep: number | null
}

export interface TwoFactorStore {
  find(userId: string): Promise<TwoFactorRecord | undefined>
  /** Starts (or starts over) setting up: a new secret, not yet confirmed. Never replaces a confirmed one. */
  begin(userId: string, sealedSecret: string, now: Date): Promise<void>
  /** Confirms the pending secret (its first code's step already spent through useStep). */
  confirm(userId: string, now: Date): Promise<void>
  /**
   * Accepts the code of `step` if no code of it or a later step was accepted
   * before, in one statement: true when this call is the one that did.
   */
  useStep(userId: string, step: number): Promise<boolean>
  /** Turns two-factor sign-in off: the secret and every recovery code go (run it in a transaction). */
  remove(userId: string): Promise<void>
  /** Which of these users have two-factor sign-in on. */
  enabledAmong(userIds: readonly string[]): Promise<Set<string>>
  /** Deletes the user's recovery codes and stores these (run it in a transaction). */
  replaceRecoveryCodes(
    userId: string,
    codes: readonly { id: string; hash: string }[],
    now: Date,
  ): Promise<void>
  /** Marks an unused code used, in one statement: true when this call is the one that did. */
  useRecoveryCode(userId: string, hash: string, now: Date): Promise<boolean>
  countUnusedRecoveryCodes(userId: string): Promise<number>
}
