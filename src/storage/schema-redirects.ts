// The redirects table: old addresses and where they now lead.
import type { Time } from './schema-columns.js'

export interface RedirectTable {
  from_key: string
  target: string
  target_key: string | null
  /** One of the domain's RedirectSource values. */
  source: string
  created_at: Time
  updated_at: Time
}
