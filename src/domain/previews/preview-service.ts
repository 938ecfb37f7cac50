import { canSharePreview, type Actor } from '../access/policy.js'
import { visibleArticle } from '../articles/article-access.js'
import { isPublished, type Article, type PublishedArticle } from '../articles/article.js'
import { recordAudit } from '../audit/record-audit.js'
import type { Clock } from '../clock.js'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js'
import { isId, type IdGenerator } from '../ids.js'
import type { Stores, UnitOfWork } from '../unit-of-work.js'
import {
  PREVIEW_DURATIONS,
  PREVIEW_TOKEN_PATTERN,
  isLive,
  isPreviewDuration,
  newPreviewToken,
  previewTokenHash,
  type PreviewLink,
} from './preview-link.js'

/** What a preview link opens: the draft as saved, or, once it is out, the published story. */
export type PreviewTarget =
  | { kind: 'draft'; article: Article; shownAt: Date }
  | { kind: 'published'; article: PublishedArticle }

export type PreviewService = ReturnType<typeof createPreviewService>

/** One answer for every link that opens nothing: expired, revoked, altered, or its article gone. */
const noPreview = () => new NotFoundError('preview_not_found', 'There is no such page.')

/** The article, if the actor may share previews of it; others' drafts do not exist for them. */
async function shareable(stores: Stores, actor: Actor, articleId: string): Promise<Article> {
  const article = await visibleArticle(stores, actor, articleId)
  if (!canSharePreview(actor, article)) {
    throw new ForbiddenError('not_shareable', 'Only those who can edit this story can share it.')
  }
  return article
}

export function createPreviewService({
  stores,
  clock,
  newId,
}: {
  stores: UnitOfWork
  clock: Clock
  newId: IdGenerator
}) {
  return {
    /** A new link to the draft, live for the chosen time; the token is shown once, never stored. */
    async create(
      actor: Actor,
      articleId: string,
      duration: string,
    ): Promise<{ link: PreviewLink; token: string }> {
      if (!isPreviewDuration(duration)) {
        throw new ValidationError(
          'invalid_duration',
          'Choose how long the link works: 1 hour, 24 hours, 3 days or 7 days.',
          { field: 'duration' },
        )
      }
      return stores.transaction(async (tx) => {
        const article = await shareable(tx, actor, articleId)
        if (isPublished(article)) {
          throw new ConflictError(
            'preview_of_published',
            'This story is published: share its own address instead.',
          )
        }
        const now = clock.now()
        const token = newPreviewToken()
        const link: PreviewLink = {
          id: newId(),
          articleId: article.id,
          createdBy: actor.id,
          createdAt: now,
          expiresAt: new Date(now.getTime() + PREVIEW_DURATIONS[duration].ms),
          revokedAt: null,
        }
        await tx.previewLinks.insert({ ...link, tokenHash: previewTokenHash(token) })
        await recordAudit(
          tx.audit,
          { clock, newId },
          {
            actor,
            action: 'preview_link_created',
            subject: article.headline,
            details: `for ${PREVIEW_DURATIONS[duration].label}`,
          },
        )
        return { link, token }
      })
    },

    /** The draft's links that still open it, with their expiry. */
    async live(actor: Actor, articleId: string): Promise<PreviewLink[]> {
      const article = await shareable(stores, actor, articleId)
      return stores.previewLinks.listLive(article.id, clock.now())
    },

    async revoke(actor: Actor, articleId: string, linkId: string): Promise<void> {
      await stores.transaction(async (tx) => {
        const article = await shareable(tx, actor, articleId)
        const revoked =
          isId(linkId) && (await tx.previewLinks.revoke(article.id, linkId, clock.now()))
        if (!revoked) {
          throw new NotFoundError('preview_link_not_found', 'That link has expired or was revoked.')
        }
        await recordAudit(
          tx.audit,
          { clock, newId },
          {
            actor,
            action: 'preview_link_revoked',
            subject: article.headline,
          },
        )
      })
    },

    /** What a link opens, for anyone holding it; NotFoundError, always the same, for anything else. */
    async open(token: string): Promise<PreviewTarget> {
      if (!PREVIEW_TOKEN_PATTERN.test(token)) throw noPreview()
      const link = await stores.previewLinks.findByTokenHash(previewTokenHash(token))
      if (!link || !isLive(link, clock.now())) throw noPreview()
      const article = await stores.articles.findById(link.articleId)
      if (!article) throw noPreview()
      return isPublished(article)
        ? { kind: 'published', article }
        : { kind: 'draft', article, shownAt: clock.now() }
    },
  }
}
