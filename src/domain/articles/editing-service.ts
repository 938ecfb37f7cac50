import { authorize, canEditArticle, canViewArticle, type Actor } from '../access/policy.js'
import { recordAudit } from '../audit/record-audit.js'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js'
import type { Stores, UnitOfWork } from '../unit-of-work.js'
import type { ContentChanges } from '../changes.js'
import { ARTICLE_LIMITS, type Article } from './article.js'
import type { ArticleRecord } from './article-store.js'
import {
  assertCurrentVersion,
  commitChange,
  getArticle,
  hasWriterChanges,
  recordOf,
  insertArticle,
  resolveInput,
  type ArticleInput,
  type WriteDeps,
} from './article-writes.js'
import type { Revision } from './revision.js'

export type EditingService = ReturnType<typeof createEditingService>

/** An article the actor may see, else NotFoundError: other people's drafts do not exist for them. */
async function visibleArticle(stores: Stores, actor: Actor, id: string): Promise<Article> {
  const article = await stores.articles.findById(id)
  if (!article || !canViewArticle(actor, article)) {
    throw new NotFoundError('article_not_found', 'There is no such article.')
  }
  return article
}

async function editableArticle(stores: Stores, actor: Actor, id: string): Promise<Article> {
  const article = await visibleArticle(stores, actor, id)
  if (!canEditArticle(actor, article)) {
    throw new ForbiddenError(
      'not_editable',
      article.status === 'draft'
        ? 'Only its author or an editor can change this draft.'
        : `Contributors can change their drafts only; this article is ${article.status.replace('_', ' ')}.`,
    )
  }
  return article
}

/** Writing and revising articles in the newsroom. Every rule about who may do what is in access/policy.ts. */
export function createEditingService({
  stores,
  changes,
  ...deps
}: { stores: UnitOfWork; changes: ContentChanges } & WriteDeps) {
  const { clock, newId } = deps

  /** A change to a published article is a change readers see. */
  async function announced(article: Article): Promise<Article> {
    if (article.status === 'published') await changes.announce({ scope: 'site' })
    return article
  }

  return {
    /** Creates a draft owned by the actor; its first revision is version 1. */
    async createDraft(actor: Actor, input: ArticleInput): Promise<Article> {
      authorize(actor, 'articles:create')
      return stores.transaction(async (tx) => {
        const { refs, ...fields } = await resolveInput(tx, input, { newId, articleId: null })
        const now = clock.now()
        const record: ArticleRecord = {
          id: newId(),
          ...fields,
          status: 'draft',
          publishedAt: null,
          scheduledFor: null,
          createdAt: now,
          updatedAt: now,
          createdBy: actor.id,
          commentMode: fields.commentMode ?? 'default',
          version: 1,
          importKey: null,
        }
        return insertArticle(
          tx,
          deps,
          record,
          refs,
          { id: actor.id, name: actor.displayName },
          'Created',
        )
      })
    },

    /**
     * Saves the writer's fields over `baseVersion`. A stale base is refused with
     * StaleEditError; an unchanged save changes nothing. A correction note on a
     * published article is kept and shown to readers.
     */
    async save(
      actor: Actor,
      id: string,
      input: ArticleInput,
      { baseVersion, correction = '' }: { baseVersion: number; correction?: string },
    ): Promise<Article> {
      return announced(
        await stores.transaction(async (tx) => {
          const article = await editableArticle(tx, actor, id)
          await assertCurrentVersion(tx, article, baseVersion)
          const note = correction.trim()
          if (note !== '' && article.status !== 'published') {
            throw new ValidationError(
              'correction_not_published',
              'A correction note is for published articles.',
              {
                field: 'correction',
              },
            )
          }
          if (note.length > ARTICLE_LIMITS.standfirst) {
            throw new ValidationError(
              'correction_too_long',
              `A correction note has at most ${ARTICLE_LIMITS.standfirst} characters.`,
              {
                field: 'correction',
              },
            )
          }
          const { refs: _refs, ...fields } = await resolveInput(tx, input, { newId, articleId: id })
          const current = await recordOf(tx, article)
          const changed = hasWriterChanges(current, fields)
          if (!changed && note === '') return article

          const saved = await commitChange(
            tx,
            deps,
            { ...current, ...fields, updatedAt: clock.now(), version: article.version + 1 },
            article,
            actor,
            note === '' ? 'Saved' : `Corrected: ${note}`,
          )
          if (note !== '') {
            await tx.articles.insertCorrection(id, {
              id: newId(),
              note,
              createdAt: clock.now(),
              createdBy: actor.id,
            })
            await recordAudit(tx.audit, deps, {
              actor,
              action: 'article_corrected',
              subject: saved.headline,
              details: note,
            })
            return getArticle(tx, id)
          }
          return saved
        }),
      )
    },

    /** Brings back an old version's fields as a new save, so history only grows. */
    async restore(
      actor: Actor,
      id: string,
      version: number,
      baseVersion: number,
    ): Promise<Article> {
      return announced(
        await stores.transaction(async (tx) => {
          const article = await editableArticle(tx, actor, id)
          await assertCurrentVersion(tx, article, baseVersion)
          const revision = await tx.revisions.find(id, version)
          if (!revision) {
            throw new NotFoundError('revision_not_found', `There is no version ${version}.`)
          }
          const sections = await tx.sections.list()
          const section =
            sections.find((s) => s.name === revision.fields.section) ?? article.section
          const { refs: _refs, ...fields } = await resolveInput(
            tx,
            { ...revision.fields, sectionSlug: section.slug, slug: revision.fields.slug },
            { newId, articleId: id },
          ).catch((error: unknown) => {
            // The old slug may belong to another article by now; keep the current one.
            if (error instanceof ValidationError && error.code === 'slug_taken') {
              return resolveInput(
                tx,
                { ...revision.fields, sectionSlug: section.slug, slug: article.slug },
                { newId, articleId: id },
              )
            }
            throw error
          })
          return commitChange(
            tx,
            deps,
            {
              ...(await recordOf(tx, article)),
              ...fields,
              updatedAt: clock.now(),
              version: article.version + 1,
            },
            article,
            actor,
            `Restored version ${version}`,
          )
        }),
      )
    },

    /** Deletes an article that is not public; published ones must be unpublished first. */
    async remove(actor: Actor, id: string): Promise<void> {
      await stores.transaction(async (tx) => {
        const article = await visibleArticle(tx, actor, id)
        authorize(actor, 'articles:delete')
        if (article.status === 'published' || article.status === 'scheduled') {
          throw new ConflictError(
            'still_public',
            'Unpublish or unschedule the article before deleting it.',
          )
        }
        await tx.articles.delete(id)
        await recordAudit(tx.audit, deps, {
          actor,
          action: 'article_deleted',
          subject: article.headline,
        })
      })
    },

    /** An article for the editor: its author's or, for editors, anyone's. */
    get: (actor: Actor, id: string): Promise<Article> => visibleArticle(stores, actor, id),

    /** Whether the actor may change this article's fields. */
    canEdit: (actor: Actor, article: Article): boolean => canEditArticle(actor, article),

    /** Every saved version, newest first. */
    async history(actor: Actor, id: string): Promise<{ article: Article; revisions: Revision[] }> {
      const article = await visibleArticle(stores, actor, id)
      return { article, revisions: await stores.revisions.list(id) }
    },
  }
}
