import { slugify } from '../../text/slug.js'
import { authorize, type Actor } from '../access/policy.js'
import type { ArticleSummary } from '../articles/article.js'
import { paginate, type Paged, type PageWindow } from '../paging.js'
import type { NewsroomSummary } from '../articles/article-store.js'
import { recordAudit } from '../audit/record-audit.js'
import type { ContentChanges } from '../changes.js'
import type { Clock } from '../clock.js'
import { ConflictError, NotFoundError } from '../errors.js'
import type { IdGenerator } from '../ids.js'
import type { Stores, UnitOfWork } from '../unit-of-work.js'
import {
  assertThreadDescription,
  assertThreadSlug,
  assertThreadTitle,
  windowAround,
  withArticleAdded,
  withArticleMoved,
  withArticleRemoved,
  type StoryThread,
  type StoryThreadMember,
  type StoryThreadSummary,
} from './thread.js'

/** A thread as the newsroom edits it. */
export interface ThreadForEditing {
  thread: StoryThread
  members: StoryThreadMember[]
}

/** An article the newsroom could add to a thread, and the thread it is in already, if any. */
export interface ThreadCandidate {
  article: NewsroomSummary
  inThread: Pick<StoryThread, 'slug' | 'title'> | undefined
}

/** What an article page shows of its thread: the published articles around it, in order. */
export interface ThreadBox {
  thread: StoryThread
  /** The thread's published articles near this one (all of them when there are few). */
  items: ArticleSummary[]
  /** This article's place among the thread's published articles, from 1. */
  position: number
  /** How many published articles the thread has. */
  total: number
}

/** Articles an article page lists of its thread, at most. */
export const THREAD_BOX_SIZE = 9

export type ThreadService = ReturnType<typeof createThreadService>

export function createThreadService({
  stores,
  newId,
  clock,
  changes,
}: {
  stores: UnitOfWork
  newId: IdGenerator
  clock: Clock
  changes: ContentChanges
}) {
  const deps = { clock, newId }

  async function threadOrNotFound(store: Stores, slug: string): Promise<StoryThread> {
    const thread = await store.threads.findBySlug(slug)
    if (!thread) throw new NotFoundError('thread_not_found', `There is no thread "${slug}".`)
    return thread
  }

  /**
   * Changes a thread's list of articles in one transaction, with the thread's
   * row locked first, and audits it. Announces the change when readers can see it.
   */
  async function changeArticles(
    actor: Actor,
    slug: string,
    articleId: string,
    change: (ids: readonly string[]) => string[],
    audit: {
      action: 'thread_article_added' | 'thread_article_removed' | 'thread_reordered'
      details?: string
    },
  ): Promise<StoryThread> {
    authorize(actor, 'threads:manage')
    const { thread, visible } = await stores.transaction(async (tx) => {
      const found = await threadOrNotFound(tx, slug)
      const article = await tx.articles.findById(articleId)
      if (!article) throw new NotFoundError('article_not_found', 'There is no such article.')
      const updatedAt = clock.now()
      await tx.threads.update(found.id, { ...found, updatedAt })
      const ids = await tx.threads.articleIds(found.id)
      const changed = change(ids)
      if (changed.join() === ids.join()) {
        return { thread: found, visible: false }
      }
      if (audit.action === 'thread_article_added') {
        const other = await tx.threads.findByArticle(articleId)
        if (other && other.id !== found.id) {
          throw new ConflictError(
            'article_in_other_thread',
            `“${article.headline}” is part of the thread “${other.title}”. An article belongs to one thread: remove it there first.`,
            { field: 'article' },
          )
        }
      }
      await tx.threads.setArticleIds(found.id, changed)
      await recordAudit(tx.audit, deps, {
        actor,
        action: audit.action,
        subject: found.title,
        details: audit.details ? `${article.headline} (${audit.details})` : article.headline,
      })
      return { thread: { ...found, updatedAt }, visible: article.status === 'published' }
    })
    // Only a published article's joining, leaving or moving changes what readers see.
    if (visible) await changes.announce({ scope: 'site' })
    return thread
  }

  return {
    /** Every thread, most recently changed first; editors and admins only. */
    async list(actor: Actor): Promise<StoryThreadSummary[]> {
      authorize(actor, 'threads:manage')
      return stores.threads.list()
    },

    /** A thread and its articles of any status, for the newsroom. */
    async getForEditing(actor: Actor, slug: string): Promise<ThreadForEditing> {
      authorize(actor, 'threads:manage')
      const thread = await threadOrNotFound(stores, slug)
      return { thread, members: await stores.threads.members(thread.id) }
    },

    /**
     * Articles to add to a thread: those whose headline has these words, or the
     * most recently changed when there are none; not those in the thread already.
     */
    async candidates(actor: Actor, slug: string, words: string): Promise<ThreadCandidate[]> {
      authorize(actor, 'threads:manage')
      const thread = await threadOrNotFound(stores, slug)
      const query = words.trim().slice(0, 200)
      const found = await stores.articles.listForNewsroom(query ? { headline: query } : {}, {
        limit: 15,
        offset: 0,
      })
      const threads = await stores.threads.findByArticles(found.map((article) => article.id))
      return found
        .filter((article) => threads.get(article.id)?.id !== thread.id)
        .slice(0, 10)
        .map((article) => ({ article, inThread: threads.get(article.id) }))
    },

    /** Starts a thread with no articles. The slug, from the title unless given, is its address. */
    async create(
      actor: Actor,
      input: { title: string; slug?: string; description?: string },
    ): Promise<StoryThread> {
      authorize(actor, 'threads:manage')
      const title = input.title.trim()
      const description = (input.description ?? '').trim()
      assertThreadTitle(title)
      assertThreadDescription(description)
      const slug = input.slug?.trim() || slugify(title)
      assertThreadSlug(slug)
      return stores.transaction(async (tx) => {
        if (await tx.threads.findBySlug(slug)) {
          throw new ConflictError(
            'thread_slug_taken',
            `There is already a thread at /threads/${slug}.`,
            {
              field: 'slug',
            },
          )
        }
        const now = clock.now()
        const thread: StoryThread = {
          id: newId(),
          slug,
          title,
          description,
          createdAt: now,
          updatedAt: now,
        }
        await tx.threads.insert({ ...thread, createdBy: actor.id })
        await recordAudit(tx.audit, deps, {
          actor,
          action: 'thread_created',
          subject: title,
          details: `/threads/${slug}`,
        })
        // No announcement: a thread with no articles changes no page a cache may hold.
        return thread
      })
    },

    /** Changes a thread's title and description; its address stays. */
    async update(
      actor: Actor,
      slug: string,
      input: { title: string; description: string },
    ): Promise<StoryThread> {
      authorize(actor, 'threads:manage')
      const title = input.title.trim()
      const description = input.description.trim()
      assertThreadTitle(title)
      assertThreadDescription(description)
      const result = await stores.transaction(async (tx) => {
        const thread = await threadOrNotFound(tx, slug)
        const updated = { ...thread, title, description, updatedAt: clock.now() }
        await tx.threads.update(thread.id, updated)
        await recordAudit(tx.audit, deps, {
          actor,
          action: 'thread_renamed',
          subject: thread.title,
          details: title === thread.title ? 'description changed' : `→ ${title}`,
        })
        return updated
      })
      // The thread's page and every article in it show the title.
      await changes.announce({ scope: 'site' })
      return result
    },

    /** Adds an article at the end of a thread. An article belongs to one thread at most. */
    addArticle: (actor: Actor, slug: string, articleId: string) =>
      changeArticles(actor, slug, articleId, (ids) => withArticleAdded(ids, articleId), {
        action: 'thread_article_added',
      }),

    /** Takes an article out of a thread; the article itself is not changed. */
    removeArticle: (actor: Actor, slug: string, articleId: string) =>
      changeArticles(actor, slug, articleId, (ids) => withArticleRemoved(ids, articleId), {
        action: 'thread_article_removed',
      }),

    /** Moves an article one place earlier (up) or later (down) in its thread. */
    moveArticle: (actor: Actor, slug: string, articleId: string, direction: 'up' | 'down') =>
      changeArticles(actor, slug, articleId, (ids) => withArticleMoved(ids, articleId, direction), {
        action: 'thread_reordered',
        details: direction,
      }),

    /** Deletes a thread that has no articles left. */
    async remove(actor: Actor, slug: string): Promise<void> {
      authorize(actor, 'threads:manage')
      await stores.transaction(async (tx) => {
        const thread = await threadOrNotFound(tx, slug)
        await tx.threads.update(thread.id, { ...thread, updatedAt: clock.now() })
        if ((await tx.threads.articleIds(thread.id)).length > 0) {
          throw new ConflictError(
            'thread_not_empty',
            'Only a thread with no articles can be deleted: remove its articles first.',
          )
        }
        await tx.threads.delete(thread.id)
        await recordAudit(tx.audit, deps, {
          actor,
          action: 'thread_deleted',
          subject: thread.title,
          details: `/threads/${thread.slug}`,
        })
      })
      // Its (empty) public page may be cached.
      await changes.announce({ scope: 'site' })
    },

    /**
     * One page of a thread's published articles, in its order, for readers (paged by
     * paginate: an unknown thread or a page past the last is NotFoundError).
     */
    async publishedPage(
      slug: string,
      page: number,
      perPage: number,
    ): Promise<{ thread: StoryThread; articles: Paged<ArticleSummary> }> {
      const thread = await threadOrNotFound(stores, slug)
      const ids = await stores.threads.publishedArticleIds(thread.id)
      const summariesIn = ({ limit, offset }: PageWindow) =>
        stores.articles.publishedSummaries(ids.slice(offset, offset + limit))
      return { thread, articles: await paginate({ page, perPage, total: ids.length }, summariesIn) }
    },

    /**
     * The thread a published article belongs to, with the thread's published
     * articles around it, for the article's page; undefined when it is in none.
     */
    async boxFor(articleId: string, size = THREAD_BOX_SIZE): Promise<ThreadBox | undefined> {
      const thread = await stores.threads.findByArticle(articleId)
      if (!thread) return undefined
      const ids = await stores.threads.publishedArticleIds(thread.id)
      const index = ids.indexOf(articleId)
      if (index < 0) return undefined
      const [start, end] = windowAround(ids.length, index, size)
      const items = await stores.articles.publishedSummaries(ids.slice(start, end))
      return { thread, items, position: index + 1, total: ids.length }
    },
  }
}
