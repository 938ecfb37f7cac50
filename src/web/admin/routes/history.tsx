import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { StaleEditError } from '../../../domain/articles/article-writes.js'
import type { Revision } from '../../../domain/articles/revision.js'
import { ValidationError } from '../../../domain/errors.js'
import { actorFor } from '../actor.js'
import type { AdminDeps } from '../deps.js'
import type { Problem } from '../../plugins/problems.js'
import { formOf, queryParam, text } from '../../plugins/request-parsing.js'
import { handleForm, isConfirmed } from '../forms.js'
import { HistoryPage } from '../views/history-page.js'
import { articleId } from './articles.js'
import { RestoreConfirm } from './confirmations.js'

const VERSION = /^[1-9][0-9]{0,8}$/

interface Comparison {
  from?: Revision
  to?: Revision
  /** What the compare form shows as chosen. */
  selected: { from?: number; to?: number }
  problem?: Problem
}

/**
 * The two versions to compare, from the `from` and `to` query parameters.
 * Absent ones default to the latest version and the one before it; a value
 * that is not a version of this article is a problem to show, not a 500.
 */
export function chooseComparison(
  revisions: readonly Revision[],
  fromParam: string,
  toParam: string,
): Comparison {
  const find = (param: string, name: string): { revision?: Revision; problem?: Problem } => {
    const value = param.trim()
    if (value === '') return {}
    if (!VERSION.test(value)) {
      return {
        problem: {
          status: 400,
          code: 'invalid_version',
          message: `The ${name} version must be one of the version numbers in the list.`,
        },
      }
    }
    const revision = revisions.find((r) => r.version === Number(value))
    if (!revision) {
      return {
        problem: {
          status: 404,
          code: 'version_not_found',
          message: `This article has no version ${value}.`,
        },
      }
    }
    return { revision }
  }
  const from = find(fromParam, 'From')
  const to = find(toParam, 'To')
  const latest = revisions[0]
  const defaultTo = latest
  const defaultFrom = revisions[1]
  const problem =
    from.problem ??
    to.problem ??
    (from.revision && from.revision === to.revision
      ? { status: 400, code: 'same_version', message: 'Choose two different versions to compare.' }
      : undefined)
  if (problem) {
    return {
      selected: { from: defaultFrom?.version, to: defaultTo?.version },
      problem,
    }
  }
  const chosenTo = to.revision ?? (from.revision === latest ? undefined : latest)
  const older = (revision: Revision | undefined) =>
    revision && revisions[revisions.indexOf(revision) + 1]
  const chosenFrom = from.revision ?? older(chosenTo)
  return {
    from: chosenFrom,
    to: chosenTo,
    selected: { from: chosenFrom?.version, to: chosenTo?.version },
  }
}

/** An article's revision history, comparison of any two versions, and restoring an old one. */
export async function historyRoutes(app: FastifyInstance, { services }: AdminDeps) {
  const { editing } = services

  async function renderHistory(
    request: FastifyRequest,
    reply: FastifyReply,
    { from, to, problem }: { from: string; to: string; problem?: Problem },
  ): Promise<FastifyReply> {
    const actor = actorFor(request)
    const { article, revisions } = await editing.history(actor, articleId(request))
    const comparison = chooseComparison(revisions, from, to)
    const shownProblem = problem ?? comparison.problem
    const conflict = problem?.error instanceof StaleEditError ? problem.error : undefined
    return reply.admin(
      <HistoryPage
        article={article}
        revisions={revisions}
        comparison={
          comparison.from && comparison.to && !comparison.problem
            ? { from: comparison.from, to: comparison.to }
            : undefined
        }
        selected={comparison.selected}
        canEdit={editing.canEdit(actor, article)}
        problem={shownProblem}
        conflict={conflict}
      />,
      { title: `History: ${article.headline || '(no headline)'}`, status: shownProblem?.status },
    )
  }

  app.get('/articles/:id/history', async (request, reply) =>
    renderHistory(request, reply, {
      from: queryParam(request, 'from'),
      to: queryParam(request, 'to'),
    }),
  )

  app.post('/articles/:id/restore', async (request, reply) => {
    const id = articleId(request)
    const form = formOf(request)
    const version = text(form, 'version').trim()
    const baseVersion = text(form, 'base_version').trim()
    return handleForm(request, reply, {
      run: async () => {
        if (!VERSION.test(version) || !VERSION.test(baseVersion)) {
          throw new ValidationError('invalid_version', 'Choose a version to restore from the list.')
        }
        const actor = actorFor(request)
        if (!isConfirmed(form)) {
          // Readers would see it, or it would undo a correction: ask first.
          const preview = await editing.restorePreview(actor, id, Number(version))
          if (preview.article.status === 'published' || preview.undone.length > 0) {
            return reply.admin(<RestoreConfirm {...preview} />, {
              title: `Restore version ${version}`,
            })
          }
        }
        await editing.restore(actor, id, Number(version), Number(baseVersion), {
          dropCorrections: text(form, 'drop_corrections') === 'yes',
        })
        return reply.redirect(`/admin/articles/${id}?saved=restore`, 303)
      },
      // After a conflict, show what changed since the version the user was looking at.
      render: (problem) =>
        renderHistory(request, reply, {
          from: problem.error instanceof StaleEditError ? baseVersion : '',
          to: '',
          problem,
        }),
    })
  })
}
