import { SCHEDULER, type Actor } from '../access/policy.js'
import type { ContentChanges } from '../changes.js'
import { ConflictError, NotFoundError } from '../errors.js'
import type { UnitOfWork } from '../unit-of-work.js'
import type { Article } from './article.js'
import { changeArticle, isVisibleChange } from './article-change.js'
import type { WriteDeps } from './article-writes.js'
import type { Transition } from './workflow.js'

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
    const outcome = await stores.transaction((tx) =>
      changeArticle(tx, deps, {
        actor,
        id,
        move: request.transition,
        baseVersion: request.baseVersion,
        at: () => request.at,
      }),
    )
    if (isVisibleChange(outcome)) {
      await changes.announce({ scope: 'site', article: outcome.after.id })
    }
    return outcome.after
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
