import { authorize, canEditArticle, type Actor } from '../access/policy.js'
import { recordAudit } from '../audit/record-audit.js'
import type { ContentChanges } from '../changes.js'
import { ConflictError } from '../errors.js'
import type { UnitOfWork } from '../unit-of-work.js'
import type { Article } from './article.js'
import { editorRights, isPublic, visibleArticle, type EditorRights } from './article-access.js'
import { changeArticle, isVisibleChange, type ArticleChange } from './article-change.js'
import { resolveInput, type ArticleInput } from './article-input.js'
import { auditMove, moveStep } from './article-steps.js'
import { insertArticle, type Step, type WriteDeps } from './article-writes.js'
import { suggestKeyPoints } from './key-points.js'
import { restoreArticle, restorePlan } from './restore.js'
import type { Revision } from './revision.js'
import { parseScheduleTime } from './schedule-time.js'
import { assertMayMove, type Transition } from './workflow.js'

export type EditingService = ReturnType<typeof createEditingService>

/** What the editor's form sends with a save: the version it shows, and a correction note. */
export interface SaveOptions {
  baseVersion: number
  correction?: string
}

/** The editor's buttons: "Save", or a workflow move made after saving the fields. */
export interface EditorSubmission extends SaveOptions {
  input: ArticleInput
  move?: Transition
  /** For `schedule`: the time as typed (2026-11-28T14:30), in the site's time zone. */
  scheduledFor?: string
}

/** Writing and revising articles in the newsroom. Every rule about who may do what is in access/policy.ts. */
export function createEditingService({
  stores,
  changes,
  timeZone,
  ...deps
}: {
  stores: UnitOfWork
  changes: ContentChanges
  /** The site's zone now (an admin may change it). */
  timeZone: () => string
} & WriteDeps) {
  const { clock, newId } = deps

  /** One change in one transaction; readers' caches hear of it once it is committed. */
  async function change(request: ArticleChange): Promise<Article> {
    const outcome = await stores.transaction((tx) => changeArticle(tx, deps, request))
    if (isVisibleChange(outcome)) {
      await changes.announce({ scope: 'site', article: outcome.after.id })
    }
    return outcome.after
  }

  return {
    /**
     * Creates a draft owned by the actor (version 1) and, when asked, makes a
     * move at once (submitting it for review): one transaction either way.
     */
    async createDraft(
      actor: Actor,
      input: ArticleInput,
      { move }: { move?: Transition } = {},
    ): Promise<Article> {
      authorize(actor, 'articles:create')
      const article = await stores.transaction(async (tx) => {
        if (move) assertMayMove(actor, { status: 'draft', createdBy: actor.id }, move)
        const resolved = await resolveInput(tx, input, { newId, current: undefined })
        const now = clock.now()
        const draft: Article = {
          id: newId(),
          ...resolved,
          status: 'draft',
          publishedAt: null,
          scheduledFor: null,
          createdAt: now,
          updatedAt: now,
          createdBy: actor.id,
          commentMode: resolved.commentMode ?? 'default',
          corrections: [],
          // New: in no thread until an editor adds it to one.
          threadId: null,
          version: 1,
        }
        const steps: Step[] = [{ article: draft, note: 'Created' }]
        if (move) steps.push(moveStep(draft, move, { now, at: undefined }))
        const created = await insertArticle(tx, deps, { steps, by: actor })
        if (move) await auditMove(tx, deps, { actor, transition: move, article: created })
        return created
      })
      if (article.status === 'published') {
        await changes.announce({ scope: 'site', article: article.id })
      }
      return article
    },

    /**
     * Saves the writer's fields over `baseVersion`. A stale base is refused with
     * StaleEditError; an unchanged save changes nothing. A correction note on a
     * published article is kept and shown to readers.
     */
    save: (actor: Actor, id: string, input: ArticleInput, options: SaveOptions): Promise<Article> =>
      change({ actor, id, input, ...options }),

    /**
     * The editor's form: saves the fields and makes the move the writer pressed
     * ("Submit", "Publish now", "Schedule"…) as one operation. A move the actor
     * may not make, or one not possible now, is refused before anything is
     * saved, and a move that fails (nothing to publish, a time in the past)
     * undoes the save: a refused request changes nothing.
     */
    saveAndMove: (actor: Actor, id: string, submission: EditorSubmission): Promise<Article> =>
      change({
        actor,
        id,
        ...submission,
        at: () => parseScheduleTime(submission.scheduledFor ?? '', timeZone()),
      }),

    /** The editor's script saving as the writer types: drafts only, never a published article. */
    autosave: (actor: Actor, id: string, input: ArticleInput, options: SaveOptions) =>
      change({ actor, id, input, ...options, autosave: true }),

    /** Brings back an old version's fields as a new save, so history only grows. */
    async restore(
      actor: Actor,
      id: string,
      version: number,
      baseVersion: number,
      { dropCorrections = false }: { dropCorrections?: boolean } = {},
    ): Promise<Article> {
      const outcome = await stores.transaction((tx) =>
        restoreArticle(tx, deps, { actor, id, version, baseVersion, dropCorrections }),
      )
      if (isVisibleChange(outcome)) {
        await changes.announce({ scope: 'site', article: outcome.after.id })
      }
      return outcome.after
    },

    /**
     * What restoring `version` would do, for the page that asks first: the
     * article, the version, and the published corrections it would undo.
     */
    async restorePreview(actor: Actor, id: string, version: number) {
      const article = await visibleArticle(stores, actor, id)
      const { revision, undone } = await restorePlan(stores, article, version)
      return { article, revision, undone: undone.map((edit) => edit.correction) }
    },

    /** Deletes an article that is not public; published ones must be unpublished first. */
    async remove(actor: Actor, id: string): Promise<void> {
      await stores.transaction(async (tx) => {
        const article = await visibleArticle(tx, actor, id)
        authorize(actor, 'articles:delete')
        if (isPublic(article)) {
          throw new ConflictError(
            'still_public',
            'Unpublish or unschedule the article before deleting it.',
          )
        }
        await tx.articles.delete(id)
        await deps.outbox?.articleDeleted(tx, article)
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

    /** What the editor offers this actor on this article, or on a new one. */
    rights: (actor: Actor, article: Article | undefined): EditorRights =>
      editorRights(actor, article),

    /** The editor's "Suggest" for At a glance: key sentences of the body, word for word. */
    suggestKeyPoints,

    /** Every saved version, newest first. */
    async history(actor: Actor, id: string): Promise<{ article: Article; revisions: Revision[] }> {
      const article = await visibleArticle(stores, actor, id)
      return { article, revisions: await stores.revisions.list(id) }
    },
  }
}
