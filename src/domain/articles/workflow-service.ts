import { canViewArticle, SCHEDULER, type Actor } from '../access/policy.js'
import type { AuditAction } from '../audit/audit.js'
import { recordAudit } from '../audit/record-audit.js'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js'
import type { ContentChanges } from '../changes.js'
import type { UnitOfWork } from '../unit-of-work.js'
import { assertPublishable, type Article } from './article.js'
import { assertCurrentVersion, commitChange, recordOf, type WriteDeps } from './article-writes.js'
import { canMakeTransition, nextStatus, TRANSITIONS, type Transition } from './workflow.js'

const AUDITED: Partial<Record<Transition, AuditAction>> = {
  publish: 'article_published',
  schedule: 'article_scheduled',
  unpublish: 'article_unpublished',
}

export interface TransitionRequest {
  transition: Transition
  /** The version the user saw; omitted by the scheduler. */
  baseVersion?: number
  /** For `schedule`: when the article goes out. */
  at?: Date
}

export type WorkflowService = ReturnType<typeof createWorkflowService>

/** Moves articles through the workflow; the rules are in workflow.ts and access/policy.ts. */
export function createWorkflowService({
  stores,
  changes,
  ...deps
}: { stores: UnitOfWork; changes: ContentChanges } & WriteDeps) {
  const { clock } = deps

  async function apply(actor: Actor, id: string, request: TransitionRequest): Promise<Article> {
    let wasPublic = false
    const saved = await stores.transaction(async (tx) => {
      const article = await tx.articles.findById(id)
      if (!article || !canViewArticle(actor, article)) {
        throw new NotFoundError('article_not_found', 'There is no such article.')
      }
      const { transition } = request
      if (!canMakeTransition(actor, article, transition)) {
        throw new ForbiddenError(
          'forbidden',
          `Your role (${actor.role}) cannot "${TRANSITIONS[transition].label}".`,
        )
      }
      const status = nextStatus(article.status, transition)
      wasPublic = article.status === 'published'
      if (request.baseVersion !== undefined) {
        await assertCurrentVersion(tx, article, request.baseVersion)
      }
      const now = clock.now()
      const record = {
        ...(await recordOf(tx, article)),
        status,
        updatedAt: now,
        version: article.version + 1,
      }

      if (transition === 'schedule') {
        if (!request.at || request.at.getTime() <= now.getTime()) {
          throw new ValidationError(
            'schedule_in_past',
            'Choose a publication time in the future.',
            {
              field: 'scheduledFor',
            },
          )
        }
        assertPublishable(article)
        record.scheduledFor = request.at
      } else if (transition === 'publish') {
        assertPublishable(article)
        // A story that went out before keeps its first publication time; the page says "Updated".
        record.publishedAt = article.publishedAt ?? now
        record.scheduledFor = null
      } else if (transition === 'unschedule') {
        record.scheduledFor = null
      }

      const saved = await commitChange(
        tx,
        deps,
        record,
        article,
        actor,
        TRANSITIONS[transition].label,
      )
      const action = AUDITED[transition]
      if (action) {
        const details =
          transition === 'schedule' && request.at ? `for ${request.at.toISOString()}` : ''
        await recordAudit(tx.audit, deps, { actor, action, subject: saved.headline, details })
      }
      return saved
    })
    if (wasPublic || saved.status === 'published') await changes.announce({ scope: 'site' })
    return saved
  }

  return {
    /** Makes one workflow move; illegal moves are ConflictError, unauthorised ones ForbiddenError. */
    transition: apply,

    /**
     * Publishes every scheduled article whose time has come, including any
     * missed while the server was down. Safe to run in several processes at
     * once: the version check lets exactly one of them publish each article.
     */
    async publishDue(): Promise<Article[]> {
      const published: Article[] = []
      for (const id of await stores.articles.findDueScheduled(clock.now())) {
        try {
          published.push(await apply(SCHEDULER, id, { transition: 'publish' }))
        } catch (error) {
          // Another process got there first, or it was unscheduled meanwhile: nothing to do.
          if (!(error instanceof ConflictError || error instanceof NotFoundError)) throw error
        }
      }
      return published
    },

    /** When the scheduler should next look, if anything is scheduled. */
    nextScheduledTime: (): Promise<Date | undefined> => stores.articles.nextScheduledTime(),
  }
}
