import type { ArticleSummary, PublishedArticle } from '../../domain/articles/article.js'
import type { ContentChange } from '../../domain/changes.js'
import { commentsOpen, type CommentSettings } from '../../domain/comments/comment-policy.js'
import type { ThreadBox, ThreadService } from '../../domain/threads/thread-service.js'
import type { ArticleService } from '../../domain/articles/article-service.js'
import type { CommentService } from '../../domain/comments/comment-service.js'
import type { RelatedService } from '../../domain/related/related-service.js'
import type { StoryPage } from './story-parts.js'
import type { StoryKeeper } from './story-keeper.js'
import { renderInSite, type SiteInfo } from '../ui/site.js'
import { keyedMemo } from '../read-memo.js'
import { secondUseWithin } from '../second-use.js'
import { estimateBytes, type ServerMemory, type StoreName } from '../../domain/memory-budget.js'
import { flat } from '../ui/flat-string.js'
import { CommentThreads, type CommentThreadsHtml } from './views/comments-section.js'
import type { KeptRelatedBox } from '../../domain/stories/story-store.js'
import { relatedBoxOf } from './related-box.js'

/** What an article page shows around the story, beyond its comments. */
export interface Surroundings {
  /** The newest of the article's section, and of the whole site. */
  related: ArticleSummary[]
  latest: ArticleSummary[]
  storyThread: ThreadBox | undefined
  /** Its related coverage box (related-box.tsx): the kept one when still true. */
  relatedCoverage: KeptRelatedBox
}

/** Articles whose comments changed since the site last did, at most; past it all stamps move. */
const MAX_STAMPED_ARTICLES = 50_000

/**
 * About what an entry weighs in each store kept per article, which sizes its
 * record of keys seen (second-use.ts): an article with the benchmark corpus's
 * 4.6 KB bodies, about 8 KB; the others are guesses, which need be right only
 * within a few times.
 */
const ENTRY_BYTES = { articles: 8_000, surroundings: 3_000, threads: 2_000 } as const

interface Services {
  articles: ArticleService
  comments: CommentService
  threads: ThreadService
  related: RelatedService
  stories: Pick<StoryKeeper, 'page'>
}

/**
 * The reads of an article page that do not change between renders until
 * content does: the article, what surrounds it (the section's and the site's
 * newest, its story thread, related coverage) and each page of its comments,
 * rendered. `changed` is given every content change: anything on the site
 * drops them all (an article published, unpublished, corrected or retagged
 * may appear in any of them); a change of one article's comments moves that
 * thread's stamp, which is part of its rendered comments' key. What is read
 * for one article is kept from its second read on: most are read once.
 */
export function createArticleReads(
  services: Services,
  site: SiteInfo,
  now: () => Date,
  memory: Pick<ServerMemory, 'store'>,
) {
  // Each kept in its share of the memory budget, weighed in bytes.
  const inShare = <T,>(name: StoreName) =>
    keyedMemo<T>(memory.store(name), { now, weigh: estimateBytes })
  // Kept on a key's second use: most of an archive's articles are read once (the page cache
  // keeps their page), and keeping each would evict the ones read again.
  const perArticle = <T,>(name: keyof typeof ENTRY_BYTES) => {
    const share = memory.store(name)
    const admit = secondUseWithin(share.limit, ENTRY_BYTES[name])
    return keyedMemo<T>(share, { now, weigh: estimateBytes, admit })
  }
  const articles = perArticle<StoryPage>('articles')
  // The newest lists are the same for every article (of a section): kept once, not per article.
  const newest = inShare<ArticleSummary[]>('newest')
  const surroundings =
    perArticle<Pick<Surroundings, 'storyThread' | 'relatedCoverage'>>('surroundings')
  const commentSettings = inShare<CommentSettings>('commentSettings')
  const threads = perArticle<CommentThreadsHtml>('threads')
  // A thread's stamp: the site's changes, then its own. Comments rendered under an old stamp
  // are never asked for again, so a render racing a change cannot show the old thread as new.
  let siteStamp = 0
  const threadChanges = new Map<string, number>()
  const stampOf = (articleId: string): string => `${siteStamp}.${threadChanges.get(articleId) ?? 0}`
  const moveStamp = (articleId: string): void => {
    if (threadChanges.size >= MAX_STAMPED_ARTICLES) {
      siteStamp++
      threadChanges.clear()
    }
    threadChanges.set(articleId, (threadChanges.get(articleId) ?? 0) + 1)
  }
  // The slugs each kept article was asked for by: what to drop when that article changes.
  const slugsOf = new Map<string, Set<string>>()
  // Moved by every change of the site's content. A page's kept related coverage box is true as
  // read, and stays so in memory only until anything changes: it names other stories.
  let siteChanges = 0
  const boxReadAt = new WeakMap<StoryPage, number>()

  return {
    /** A published article's page by slug, its story rendered (NotFoundError otherwise, never kept). */
    article: (slug: string): Promise<StoryPage> =>
      articles.get(slug, async () => {
        const readAt = siteChanges
        const page = await services.stories.page(slug)
        if (page.relatedBox) boxReadAt.set(page, readAt)
        slugsOf.set(page.id, (slugsOf.get(page.id) ?? new Set()).add(slug))
        return page
      }),

    async surroundings(article: StoryPage): Promise<Surroundings> {
      const [related, latest, own] = await Promise.all([
        newest.get(`section ${article.sectionId}`, () =>
          services.articles.latest({ sectionId: article.sectionId }, 5),
        ),
        newest.get('site', () => services.articles.latest({}, 6)),
        surroundings.get(article.id, async () => {
          const kept = boxReadAt.get(article) === siteChanges ? article.relatedBox : undefined
          const [storyThread, relatedCoverage] = await Promise.all([
            // The article says whether it is in a thread: the box is looked up only then.
            article.threadId === null ? undefined : services.threads.boxFor(article.id),
            kept ??
              services.related
                .forArticle({ ...article, ...article.parts.related })
                .then((stories) => relatedBoxOf(site, stories)),
          ])
          return { storyThread, relatedCoverage }
        }),
      ])
      return { related, latest, ...own }
    },

    /** Whether the article takes comments now (the rules kept, the time asked each render). */
    availability: async (article: Pick<PublishedArticle, 'publishedAt' | 'commentMode'>) =>
      commentsOpen(
        await commentSettings.get('', () => services.comments.settings()),
        article,
        now(),
      ),

    /** The thread's key as it stands: changes with every change of its comments or of the site. */
    threadStamp: stampOf,

    /** One page of the article's approved comments as HTML (NotFoundError past the last page). */
    commentThreads(
      article: Pick<PublishedArticle, 'id'>,
      { page, open, articlePath }: { page: number; open: boolean; articlePath: string },
    ): Promise<CommentThreadsHtml> {
      const key = `${article.id} ${stampOf(article.id)} ${page} ${open ? 'open' : 'closed'}`
      return threads.get(key, async () => {
        const paged = await services.comments.approvedThreads(article.id, page)
        const html = renderInSite(
          site,
          <CommentThreads articlePath={articlePath} threads={paged} open={open} />,
        )
        return { html: flat(html), total: paged.total }
      })
    },

    changed(change: ContentChange): void {
      if (change.scope === 'comments') return moveStamp(change.articleId)
      if (change.scope !== 'site') return
      siteChanges++
      // One article changed: the newest lists, related coverage and thread boxes may now show
      // it, but every other article and its comments read as before.
      if (change.article !== undefined) {
        articles.forgetKeys(slugsOf.get(change.article) ?? [])
        slugsOf.delete(change.article)
        moveStamp(change.article)
        newest.forget()
        surroundings.forget()
        return
      }
      slugsOf.clear()
      siteStamp++
      threadChanges.clear()
      articles.forget()
      newest.forget()
      surroundings.forget()
      commentSettings.forget()
      threads.forget()
    },
  }
}

export type ArticleReads = ReturnType<typeof createArticleReads>
