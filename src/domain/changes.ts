/**
 * A change readers can see. Services announce one after their transaction
 * commits, so that caches of public pages (here and in other app processes)
 * drop what the change made stale before the change is acknowledged.
 */
export type ContentChange =
  /** Anything on listings, navigation or article pages: every public page may show it. */
  | {
      scope: 'site'
      /**
       * Set when what changed is unknown: another process's commit seen only as
       * such (SQLite), or messages missed while reconnecting (PostgreSQL).
       */
      foreign?: true
      /** Set when the site's settings (its name, logo, time zone…) are what changed. */
      settings?: true
      /**
       * Set when what changed is this one article (published, edited,
       * unpublished): any page may list it, but no other article's own
       * fields changed, so what was kept of other articles stays true.
       */
      article?: string
      /**
       * Set by an import: the published articles it created or changed. Caches
       * drop everything all the same; related coverage recomputes around them.
       * Heard only in the process that made the change.
       */
      articles?: readonly string[]
    }
  /** An article's comments: its page and its comment feeds. */
  | {
      scope: 'comments'
      articleId: string
      /**
       * Set when comments were only added (published, or approved): the page
       * without them is incomplete but not wrong, so it may be served for a
       * moment while the new one renders. A comment hidden is never that.
       */
      addedOnly?: true
    }
  /** Old addresses and where they now lead: no page changes, the redirect index does. */
  | { scope: 'redirects' }

export interface ContentChanges {
  announce(change: ContentChange): Promise<void>
}

/** For contexts that serve no pages (tests of services alone). */
export const IGNORE_CHANGES: ContentChanges = { announce: () => Promise.resolve() }
