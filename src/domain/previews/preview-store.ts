import type { PreviewLink } from './preview-link.js'

export interface PreviewLinkStore {
  insert(link: PreviewLink & { tokenHash: string }): Promise<void>
  findByTokenHash(tokenHash: string): Promise<PreviewLink | undefined>
  /** The article's links neither revoked nor expired at `now`, the newest first. */
  listLive(articleId: string, now: Date): Promise<PreviewLink[]>
  /** Marks the article's link revoked; false when there is no such live link. */
  revoke(articleId: string, id: string, at: Date): Promise<boolean>
}
