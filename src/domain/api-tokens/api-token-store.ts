import type { ApiToken } from './api-token.js'

export interface ApiTokenStore {
  insert(token: ApiToken & { tokenHash: string }): Promise<void>
  findByHash(tokenHash: string): Promise<ApiToken | undefined>
  findById(id: string): Promise<ApiToken | undefined>
  /** A user's tokens, newest first. */
  listForUser(userId: string): Promise<ApiToken[]>
  revoke(id: string, at: Date): Promise<void>
  /** Records a use; at most one write a minute per token (the caller decides). */
  touch(id: string, at: Date): Promise<void>
}
