import type { Session } from './session.js'
import type { Role, User } from './user.js'

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
}

export interface SessionStore {
  insert(session: Session): Promise<void>
  findById(id: string): Promise<Session | undefined>
  touch(id: string, lastSeenAt: Date, expiresAt: Date): Promise<void>
  delete(id: string): Promise<void>
  /** Ends every session of a user but, optionally, one. */
  deleteForUser(userId: string, exceptId?: string): Promise<void>
  deleteExpired(now: Date): Promise<void>
}

export interface LoginFailureStore {
  record(failure: { id: string; email: string; ip: string; at: Date }): Promise<void>
  countForEmailSince(email: string, since: Date): Promise<number>
  countForIpSince(ip: string, since: Date): Promise<number>
  /** The earliest failure still inside the window, to say when the lock lifts. */
  oldestForEmailSince(email: string, since: Date): Promise<Date | undefined>
  oldestForIpSince(ip: string, since: Date): Promise<Date | undefined>
  clearEmail(email: string): Promise<void>
}
