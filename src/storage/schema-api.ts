// The API's tables: its rate-limit windows.
import type { NullableTime, Time } from './schema-columns.js'

/** Content API requests per network in each one-minute window. */
export interface ApiRateWindowTable {
  network_hash: string
  window_number: number
  requests: number
}

/** Admin API bearer tokens: the SHA-256 of each, never the token. */
export interface ApiTokenTable {
  id: string
  token_hash: string
  user_id: string
  name: string
  created_at: Time
  expires_at: NullableTime
  last_used_at: NullableTime
  revoked_at: NullableTime
}
