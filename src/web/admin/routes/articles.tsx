import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { authorize, can } from '../../../domain/access/policy.js'
import type { Article } from '../../../domain/articles/article.js'
import { StaleEditError } from '../../../domain/articles/article-writes.js'
import {
  availableTransitions,
  canMakeTransition,
  isTransition,
  nextStatus,
  TRANSITIONS,
} from '../../../domain/articles/workflow.js'
import { ForbiddenError, NotFoundError } from '../../../domain/errors.js'
import { renderMarkdown } from '../../../text/markdown.js'
import { actorFor } from '../actor.js'
import type { AdminDeps } from '../deps.js'
import {
  inputFromValues,
  parseLocalTime,
  valuesFromArticle,
  valuesFromForm,
  type EditorValues,
} from '../editor-values.js'
import { sendJsonProblem, type Problem } from '../../plugins/problems.js'
import {
  formOf,
  idParams,
  parseOrNotFound,
  queryParam,
  text,
} from '../../plugins/request-parsing.js'
import { handleForm } from '../forms.js'
import { EditorPage, type KeyPointSuggestion } from '../views/editor-page.js'
import { keyPointSuggestions } from './key-points.js'
import { DeletePage } from '../views/delete-page.js'

/** The article id from the URL; anything that cannot be one is simply not found. */
export function articleId(request: FastifyRequest): string {
  const missing = { code: 'article_not_found', message: 'There is no such article.' }
  return parseOrNotFound(idParams, request.params, missing).id
}

const SAVED_NOTICES: Record<string, string> = {
  save: 'Saved.',
  restore: 'Restored: a new version was saved from the old one.',
  ...Object.fromEntries(
    Object.entries(TRANSITIONS).map(([name, rule]) => [name, `Saved. ${rule.label}: done.`]),
  ),
}

export async function articleRoutes(app: FastifyInstance, { services, site }: AdminDeps) {
  const { editing, workflow } = services

  async function renderEditor(
    request: FastifyRequest,
    reply: FastifyReply,
    {
      article,
      values,
      problem,
      previewHtml,
      notice,
      suggestion,
    }: {
      article?: Article
      values: EditorValues
      problem?: Problem
      previewHtml?: string
      notice?: string
      suggestion?: KeyPointSuggestion
    },
  ): Promise<FastifyReply> {
    const actor = actorFor(request)
    const [sections, authorNames] = await Promise.all([
      services.sections.list(),
      services.authors.listNames(),
    ])
    const conflict = problem?.error instanceof StaleEditError ? problem.error : undefined
    // After a conflict the form carries the current version, so saving again is a deliberate overwrite.
    const shownValues = conflict ? { ...values, version: conflict.current.version } : values
    const shownArticle = conflict?.current ?? article
    return reply.admin(
      <EditorPage
        article={shownArticle}
        values={shownValues}
        sections={sections}
        authorNames={authorNames}
        transitions={shownArticle ? availableTransitions(actor, shownArticle) : ['submit']}
        canEdit={shownArticle ? editing.canEdit(actor, shownArticle) : true}
        canDelete={can(actor, 'articles:delete')}
        problem={problem}
        previewHtml={previewHtml}
        conflict={conflict}
        notice={notice}
        suggestion={suggestion}
      />,
      {
        title: shownArticle?.headline || 'New article',
        area: shownArticle ? undefined : 'new',
        status: problem?.status,
      },
    )
  }

  const preview = (values: EditorValues) =>
    renderMarkdown(values.body, { dateline: values.dateline.trim() })

  /** "Suggest" without the script: the form again, key points proposed, nothing saved. */
  const suggest = (
    values: EditorValues,
  ): { values: EditorValues; suggestion: KeyPointSuggestion } => {
    const keyPoints = keyPointSuggestions(values.body, values.headline)
    if (keyPoints.length === 0) return { values, suggestion: { count: 0, previous: [] } }
    const previous = values.keyPoints
      .split('\n')
      .map((point) => point.trim())
      .filter((point) => point !== '')
    return {
      values: { ...values, keyPoints: keyPoints.join('\n') },
      suggestion: { count: keyPoints.length, previous },
    }
  }

  app.get('/articles/new', async (request, reply) => {
    const [first] = await services.sections.list()
    const values: EditorValues = {
      headline: '',
      standfirst: '',
      dateline: '',
      body: '',
      keyPoints: '',
      section: first?.slug ?? '',
      bylines: request.user ? [request.user.displayName] : [],
      tags: '',
      slug: '',
      version: 0,
      correction: '',
      scheduledFor: '',
      comments: 'default',
    }
    return renderEditor(request, reply, { values })
  })

  app.post('/articles', async (request, reply) => {
    const values = valuesFromForm(formOf(request))
    const intent = text(formOf(request), 'intent') || 'save'
    if (intent === 'preview') {
      return renderEditor(request, reply, { values, previewHtml: preview(values) })
    }
    if (intent === 'suggest') return renderEditor(request, reply, suggest(values))
    return handleForm(request, reply, {
      run: async () => {
        const actor = actorFor(request)
        const article = await editing.createDraft(actor, inputFromValues(values))
        if (intent === 'submit') {
          await workflow.transition(actor, article.id, {
            transition: 'submit',
            baseVersion: article.version,
          })
        }
        return reply.redirect(
          `/admin/articles/${article.id}?saved=${intent === 'submit' ? 'submit' : 'save'}`,
          303,
        )
      },
      render: (problem) => renderEditor(request, reply, { values, problem }),
    })
  })

  app.get('/articles/:id', async (request, reply) => {
    const article = await editing.get(actorFor(request), articleId(request))
    const saved = queryParam(request, 'saved')
    return renderEditor(request, reply, {
      article,
      values: valuesFromArticle(article, site.timeZone),
      notice: Object.hasOwn(SAVED_NOTICES, saved) ? SAVED_NOTICES[saved] : undefined,
    })
  })

  app.post('/articles/:id', async (request, reply) => {
    const id = articleId(request)
    const form = formOf(request)
    const values = valuesFromForm(form)
    const intent = text(form, 'intent') || 'save'
    const actor = actorFor(request)
    let article = await editing.get(actor, id)
    if (intent === 'preview') {
      return renderEditor(request, reply, { article, values, previewHtml: preview(values) })
    }
    if (intent === 'suggest') return renderEditor(request, reply, { article, ...suggest(values) })
    // The version the form is based on: the user's, until this request saves a newer one.
    let base = values.version
    return handleForm(request, reply, {
      run: async () => {
        if (intent !== 'save' && !isTransition(intent)) {
          throw new NotFoundError(
            'unknown_action',
            `"${intent}" is not something the editor can do.`,
          )
        }
        // A move the actor may not make, or one not possible now, is refused before
        // anything is saved: a refused request changes nothing.
        if (isTransition(intent)) {
          if (!canMakeTransition(actor, article, intent)) {
            throw new ForbiddenError(
              'forbidden',
              `Your role (${actor.role}) cannot "${TRANSITIONS[intent].label}".`,
            )
          }
          nextStatus(article.status, intent)
        }
        const at =
          intent === 'schedule' ? parseLocalTime(values.scheduledFor, site.timeZone) : undefined
        // The writer's changes are saved first, so that "Publish" publishes what is on screen.
        // A plain save of an article the actor may not change is refused by the service (403),
        // never skipped with a "Saved." that saved nothing.
        if (intent === 'save' || editing.canEdit(actor, article)) {
          article = await editing.save(actor, id, inputFromValues(values), {
            baseVersion: values.version,
            correction: values.correction,
          })
          base = article.version
        }
        if (isTransition(intent)) {
          article = await workflow.transition(actor, id, {
            transition: intent,
            baseVersion: article.version,
            at,
          })
        }
        return reply.redirect(`/admin/articles/${id}?saved=${intent}`, 303)
      },
      // A save may have gone through before a later step failed: then the form is based on
      // the version it made. Otherwise it keeps the user's, so that a stale form refused for
      // another reason (a bad token, a move not allowed) is still caught as stale next time.
      render: (problem) =>
        renderEditor(request, reply, {
          article,
          values: { ...values, version: base },
          problem,
        }),
    })
  })

  app.get('/articles/:id/delete', async (request, reply) => {
    const article = await editing.get(actorFor(request), articleId(request))
    // No confirmation page for a deletion the actor could not make.
    authorize(actorFor(request), 'articles:delete')
    return reply.admin(<DeletePage article={article} />, { title: `Delete ${article.headline}` })
  })

  app.post('/articles/:id/delete', async (request, reply) => {
    const id = articleId(request)
    const article = await editing.get(actorFor(request), id)
    return handleForm(request, reply, {
      run: async () => {
        await editing.remove(actorFor(request), id)
        return reply.redirect('/admin?deleted=1', 303)
      },
      render: (problem) =>
        reply.admin(<DeletePage article={article} problem={problem} />, {
          title: 'Delete',
          status: problem.status,
        }),
    })
  })

  // Progressive enhancement: the editor's script saves drafts as the writer types.
  app.post('/articles/:id/autosave', async (request, reply) => {
    const id = articleId(request)
    const values = valuesFromForm(formOf(request))
    return handleForm(request, reply, {
      run: async () => {
        const actor = actorFor(request)
        const current = await editing.get(actor, id)
        if (current.status === 'published') {
          return sendJsonProblem(reply, {
            status: 409,
            code: 'published_not_autosaved',
            message: 'Published articles are saved by hand only.',
          })
        }
        const article = await editing.save(actor, id, inputFromValues(values), {
          baseVersion: values.version,
        })
        return reply.send({ version: article.version, savedAt: article.updatedAt.toISOString() })
      },
      render: (problem) => sendJsonProblem(reply, problem),
    })
  })

  // Live preview for the editor's script: the same renderer as the public page.
  app.post('/preview', async (request, reply) => {
    const values = valuesFromForm(formOf(request))
    return handleForm(request, reply, {
      run: async () => reply.type('text/html; charset=utf-8').send(preview(values)),
      render: (problem) => sendJsonProblem(reply, problem),
    })
  })
}
