import type { PageWindow } from '../paging.js'
import type { Redirect } from './redirect.js'

export interface RedirectStore {
  find(from: string): Promise<Redirect | undefined>
  /** Inserts or replaces the redirect from `redirect.from`; the first creation time is kept. */
  save(redirect: Redirect): Promise<void>
  /**
   * Points every redirect whose target is matched by `oldKey` at `target`
   * instead, so that chains stay one hop. Returns how many changed.
   */
  retarget(oldKey: string, target: string, at: Date): Promise<number>
  remove(from: string): Promise<boolean>
  /** Old addresses containing `query` (or all), newest first. */
  list(query: string, window: PageWindow): Promise<Redirect[]>
  count(query: string): Promise<number>
  /** Every old address, its target and where it came from (the web app's index, the export). */
  all(): Promise<Array<Pick<Redirect, 'from' | 'to' | 'source'>>>
  /** Changes whenever a redirect is saved, retargeted or removed. */
  stamp(): Promise<string>
}
