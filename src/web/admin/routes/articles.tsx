import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { authorize } from '../../../domain/access/policy.js'
import type { Article } from '../../../domain/articles/article.js'
import { StaleEditError } from '../../../domain/articles/article-writes.js'
import type { Transition } from '../../../domain/articles/workflow.js'
import { MAX_ARTICLE_IMAGES } from '../../../domain/articles/article-images.js'
import { isId } from '../../../domain/ids.js'
import { imageRefOf, type ImageRef } from '../../../domain/media/media.js'
import { formatLongDate, formatTimeOfDay } from '../../../text/dates.js'
import { imageReferences, renderMarkdown } from '../../../text/markdown.js'
import { imageResolver } from '../../ui/pictures.js'
import { actorFor } from '../actor.js'
import type { AdminDeps } from '../deps.js'
import {
  blankValues,
  inputFromValues,
  isUnsavedIntent,
  submissionOf,
  valuesFromArticle,
  valuesFromForm,
  withSuggestedKeyPoints,
  type EditorValues,
  type KeyPointSuggestion,
  type UnsavedIntent,
} from '../editor-values.js'
import { sendJsonProblem, type Problem } from '../../plugins/problems.js'
import {
  formOf,
  idParams,
  parseOrNotFound,
  queryParam,
  text,
} from '../../plugins/request-parsing.js'
import { handleForm, isConfirmed } from '../forms.js'
import { EditorPage, type EditorImages } from '../views/editor-page.js'
import { DeletePage } from '../views/delete-page.js'
import { UnpublishConfirm } from '../views/confirm-page.js'

/** The article id from the URL; anything that cannot be one is simply not found. */
export function articleId(request: FastifyRequest): string {
  const missing = { code: 'article_not_found', message: 'There is no such article.' }
  return parseOrNotFound(idParams, request.params, missing).id
}

/** What the editor says after a save, and after a save with a move, as a person would put it. */
const SAVED_NOTICES: Record<string, string> = {
  save: 'Saved.',
  restore: 'Restored: the old version was saved as the newest one.',
  submit: 'Saved and sent for review.',
  return: 'Saved and returned to draft.',
  schedule: 'Saved and scheduled.',
  unschedule: 'Saved and taken off the schedule: it is a draft again.',
  publish: 'Saved and published.',
  unpublish: 'Saved and unpublished.',
  // From the unpublish page, which changes nothing else.
  unpublished: 'Unpublished: the story is no longer on the site.',
} satisfies Record<Transition | 'save' | 'restore' | 'unpublished', string>

interface EditorState {
  article?: Article
  values: EditorValues
  problem?: Problem
  previewHtml?: string
  notice?: string
  suggestion?: KeyPointSuggestion
}

export async function articleRoutes(app: FastifyInstance, { services, site }: AdminDeps) {
  const { editing, media } = services

  /** The notice after a redirect; a schedule says when, with the zone, as the site's clocks show it. */
  function noticeOf(saved: string, article: Article): string | undefined {
    if (!Object.hasOwn(SAVED_NOTICES, saved)) return undefined
    if (saved !== 'schedule' || !article.scheduledFor) return SAVED_NOTICES[saved]
    const options = { timeZone: site.timeZone, locale: site.language }
    const when = `${formatLongDate(article.scheduledFor, options)}, ${formatTimeOfDay(article.scheduledFor, options)}`
    return `Saved and scheduled for ${when}.`
  }

  /** The body as readers will see it, its library pictures included. */
  async function previewOf(values: EditorValues): Promise<string> {
    const ids = imageReferences(values.body).library.filter(isId).slice(0, MAX_ARTICLE_IMAGES)
    const images = await media.getMany(ids)
    return renderMarkdown(values.body, {
      dateline: values.dateline.trim(),
      images: imageResolver(site, images.map(imageRefOf)),
      embeds: 'placeholder',
    })
  }

  async function renderEditor(
    request: FastifyRequest,
    reply: FastifyReply,
    { article, values, problem, ...shown }: EditorState,
  ): Promise<FastifyReply> {
    const [sections, authorNames, images, socialImages] = await Promise.all([
      services.sections.list(),
      services.authors.listNames(),
      imageChoices(request, article?.leadImage, values.leadImage, values.leadImageQuery),
      imageChoices(request, article?.socialImage, values.socialImage, values.socialImageQuery),
    ])
    const conflict = problem?.error instanceof StaleEditError ? problem.error : undefined
    // After a conflict the form carries the current version, so saving again is a deliberate overwrite.
    const shownValues = conflict ? { ...values, version: conflict.current.version } : values
    const shownArticle = conflict?.current ?? article
    return reply.admin(
      <EditorPage
        {...shown}
        article={shownArticle}
        values={shownValues}
        sections={sections}
        authorNames={authorNames}
        rights={editing.rights(actorFor(request), shownArticle)}
        images={images}
        socialImages={socialImages}
        problem={problem}
        conflict={conflict}
      />,
      {
        title: shownArticle?.headline || 'New article',
        area: shownArticle ? undefined : 'new',
        images: true,
        editor: true,
        status: problem?.status,
      },
    )
  }

  /**
   * An image chooser's offer (the lead or the social image): the image the
   * form names, and what its search found (or, before any search, the newest images).
   */
  async function imageChoices(
    request: FastifyRequest,
    saved: ImageRef | null | undefined,
    formId: string | undefined,
    typedQuery: string,
  ): Promise<EditorImages> {
    const id = formId ?? saved?.id ?? ''
    const [chosen] = id === '' ? [] : id === saved?.id ? [saved] : await media.getMany([id])
    const query = typedQuery.trim()
    const found = await media.list(actorFor(request), {
      query,
      page: 1,
      perPage: query === '' ? 6 : 12,
      forStories: true,
    })
    return { chosen, found: found.items, query }
  }

  /** Preview and Suggest answer with the form again, the text as typed; nothing is saved. */
  async function showUnsaved(
    request: FastifyRequest,
    reply: FastifyReply,
    { intent, article, values }: { intent: UnsavedIntent; article?: Article; values: EditorValues },
  ): Promise<FastifyReply> {
    if (intent === 'preview') {
      const previewHtml = await previewOf(values)
      return renderEditor(request, reply, { article, values, previewHtml })
    }
    if (intent === 'find_images') return renderEditor(request, reply, { article, values })
    const keyPoints = editing.suggestKeyPoints(values)
    return renderEditor(request, reply, { article, ...withSuggestedKeyPoints(values, keyPoints) })
  }

  app.get('/articles/new', async (request, reply) => {
    const [first] = await services.sections.list()
    const values = blankValues({ section: first?.slug ?? '', byline: request.user?.displayName })
    return renderEditor(request, reply, { values })
  })

  app.post('/articles', async (request, reply) => {
    const values = valuesFromForm(formOf(request))
    const intent = text(formOf(request), 'intent') || 'save'
    if (isUnsavedIntent(intent)) return showUnsaved(request, reply, { intent, values })
    return handleForm(request, reply, {
      run: async () => {
        // A new article offers one move: submitting it for review as it is created.
        const move = intent === 'submit' ? 'submit' : undefined
        const input = inputFromValues(values)
        const article = await editing.createDraft(actorFor(request), input, { move })
        return reply.redirect(`/admin/articles/${article.id}?saved=${move ?? 'save'}`, 303)
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
      notice: noticeOf(saved, article),
    })
  })

  // Save, or save and move: one operation, so a refused request changes nothing and the
  // form comes back as typed, based on the version the writer started from.
  app.post('/articles/:id', async (request, reply) => {
    const id = articleId(request)
    const values = valuesFromForm(formOf(request))
    const intent = text(formOf(request), 'intent') || 'save'
    const actor = actorFor(request)
    if (isUnsavedIntent(intent)) {
      return showUnsaved(request, reply, { intent, values, article: await editing.get(actor, id) })
    }
    const asking = intent === 'unpublish' && !isConfirmed(formOf(request))
    const article = asking ? await editing.get(actor, id) : undefined
    if (article?.status === 'published') {
      // Asked first; the page sends the form back as typed, so nothing written is lost.
      // (Unpublishing anything else is refused below, as any impossible move is.)
      return reply.admin(
        <UnpublishConfirm
          article={article}
          action={`/admin/articles/${id}`}
          values={formOf(request)}
        />,
        { title: `Unpublish ${article.headline}` },
      )
    }
    return handleForm(request, reply, {
      run: async () => {
        await editing.saveAndMove(actor, id, submissionOf(values, intent))
        return reply.redirect(`/admin/articles/${id}?saved=${intent}`, 303)
      },
      render: async (problem) =>
        renderEditor(request, reply, {
          // A stale save shows the current article; otherwise the one the form is about.
          article:
            problem.error instanceof StaleEditError ? undefined : await editing.get(actor, id),
          values,
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
        // A stray POST without the page's confirmation only asks again.
        if (!isConfirmed(formOf(request))) {
          return reply.admin(<DeletePage article={article} />, {
            title: `Delete ${article.headline}`,
          })
        }
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
        const article = await editing.autosave(actorFor(request), id, inputFromValues(values), {
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
      run: async () => reply.type('text/html; charset=utf-8').send(await previewOf(values)),
      render: (problem) => sendJsonProblem(reply, problem),
    })
  })
}
