import type { FastifyInstance } from 'fastify'
import { ConflictError, ForbiddenError, ValidationError } from '../../../domain/errors.js'
import { actorFor } from '../actor.js'
import type { AdminDeps } from '../deps.js'
import { formOf, queryParam, text } from '../../plugins/request-parsing.js'
import { handleForm, isConfirmed } from '../forms.js'
import {
  ConfirmPage,
  DropCorrectionsChoice,
  UndoneCorrections,
  UnpublishConfirm,
} from '../views/confirm-page.js'
import { articleId } from './articles.js'

const VERSION = /^[1-9][0-9]{0,8}$/

/** A version number from a form or query, or a 422 saying what is wrong. */
export function versionOf(value: string): number {
  if (!VERSION.test(value.trim())) {
    throw new ValidationError('invalid_version', 'Choose a version from the list.')
  }
  return Number(value.trim())
}

/**
 * The pages that ask before a step readers would notice: unpublishing, and
 * restoring an old version (with what it would do to published corrections).
 * Deleting asks on its own page (articles.tsx).
 */
export async function confirmationRoutes(app: FastifyInstance, { services }: AdminDeps) {
  const { editing, workflow } = services

  app.get('/articles/:id/unpublish', async (request, reply) => {
    const actor = actorFor(request)
    const article = await editing.get(actor, articleId(request))
    if (article.status !== 'published') {
      throw new ConflictError('not_published', 'This article is not published.')
    }
    if (!editing.rights(actor, article).transitions.includes('unpublish')) {
      throw new ForbiddenError('forbidden', 'Only an editor can unpublish a story.')
    }
    return reply.admin(
      <UnpublishConfirm
        article={article}
        action={`/admin/articles/${article.id}/unpublish`}
        values={{ version: String(article.version) }}
      />,
      { title: `Unpublish ${article.headline}` },
    )
  })

  app.post('/articles/:id/unpublish', async (request, reply) => {
    const actor = actorFor(request)
    const id = articleId(request)
    const form = formOf(request)
    const article = await editing.get(actor, id)
    const page = (problem?: Parameters<typeof UnpublishConfirm>[0]['problem']) =>
      reply.admin(
        <UnpublishConfirm
          article={article}
          action={`/admin/articles/${id}/unpublish`}
          values={{ version: text(form, 'version') }}
          problem={problem}
        />,
        { title: `Unpublish ${article.headline}`, status: problem?.status },
      )
    return handleForm(request, reply, {
      run: async () => {
        if (!isConfirmed(form)) return page()
        const baseVersion = versionOf(text(form, 'version'))
        await workflow.transition(actor, id, { transition: 'unpublish', baseVersion })
        return reply.redirect(`/admin/articles/${id}?saved=unpublished`, 303)
      },
      render: (problem) => page(problem),
    })
  })

  app.get('/articles/:id/restore', async (request, reply) => {
    const actor = actorFor(request)
    const version = versionOf(queryParam(request, 'version'))
    const preview = await editing.restorePreview(actor, articleId(request), version)
    return reply.admin(<RestoreConfirm {...preview} />, {
      title: `Restore version ${version}`,
    })
  })
}

/** Restoring an old version of a published story: what readers will see, and any corrections undone. */
export function RestoreConfirm({
  article,
  revision,
  undone,
  problem,
}: Awaited<ReturnType<AdminDeps['services']['editing']['restorePreview']>> & {
  problem?: Parameters<typeof ConfirmPage>[0]['problem']
}) {
  return (
    <ConfirmPage
      title={`Restore version ${revision.version} of “${article.headline}”?`}
      action={`/admin/articles/${article.id}/restore`}
      values={{ version: String(revision.version), base_version: String(article.version) }}
      confirmLabel={`Restore version ${revision.version}`}
      cancel={{ href: `/admin/articles/${article.id}/history`, label: 'Back to the history' }}
      problem={problem}
      choices={undone.length > 0 ? <DropCorrectionsChoice /> : undefined}
    >
      <p>
        Version {revision.version} is saved again as a new version
        {article.status === 'published' ? ', and readers see it at once' : ''}. Nothing is lost: the
        history keeps every version.
      </p>
      <UndoneCorrections corrections={undone} />
    </ConfirmPage>
  )
}
