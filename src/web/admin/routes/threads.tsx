import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { HEADLINE_SEARCH_LIMIT } from '../../../domain/articles/article-store.js'
import { ValidationError } from '../../../domain/errors.js'
import { isId } from '../../../domain/ids.js'
import { THREAD_LIMITS } from '../../../domain/threads/thread.js'
import { actorFor } from '../actor.js'
import type { AdminDeps } from '../deps.js'
import type { Problem } from '../../plugins/problems.js'
import {
  formOf,
  id,
  parseOrNotFound,
  queryParam,
  slug,
  text,
} from '../../plugins/request-parsing.js'
import { directionOf, handleForm } from '../forms.js'
import { ThreadPage, type ThreadAttempt } from '../views/thread-page.js'
import { ThreadsPage, type NewThreadAttempt } from '../views/threads-page.js'

const threadParams = z.object({ slug: slug(THREAD_LIMITS.slug) })
const memberParams = threadParams.extend({ id })

/** The thread slug from the URL; anything that cannot be one is simply not found. */
function threadSlug(request: FastifyRequest): string {
  const missing = { code: 'thread_not_found', message: 'There is no such thread.' }
  return parseOrNotFound(threadParams, request.params, missing).slug
}

function memberOf(request: FastifyRequest): { slug: string; id: string } {
  const missing = { code: 'article_not_in_thread', message: 'There is no such article.' }
  return parseOrNotFound(memberParams, request.params, missing)
}

/** The article chosen in an "Add" form: an article id, or a clear refusal. */
function articleIdOf(value: string): string {
  if (!isId(value)) {
    throw new ValidationError('invalid_article', 'Choose an article to add from the list.', {
      field: 'article',
    })
  }
  return value
}

const NOTICES = new Map([
  ['created', 'Thread created. Now add its articles.'],
  ['saved', 'Title and description saved. The address stays the same.'],
  ['added', 'Article added at the end of the thread.'],
  ['removed', 'Article taken out of the thread. The article itself is unchanged.'],
  ['moved', 'Order saved.'],
  ['deleted', 'Thread deleted.'],
])

/** Story threads at /admin/threads: editors and admins (the service decides). */
export async function threadRoutes(app: FastifyInstance, { services }: AdminDeps) {
  const { threads } = services

  async function renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    {
      attempt,
      problem,
      notice,
    }: { attempt?: NewThreadAttempt; problem?: Problem; notice?: string | undefined },
  ): Promise<FastifyReply> {
    const list = await threads.list(actorFor(request))
    return reply.admin(
      <ThreadsPage threads={list} attempt={attempt} problem={problem} notice={notice} />,
      { title: 'Story threads', area: 'threads', status: problem?.status },
    )
  }

  async function renderThread(
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    {
      attempt,
      problem,
      notice,
    }: { attempt?: ThreadAttempt; problem?: Problem; notice?: string | undefined },
  ): Promise<FastifyReply> {
    const actor = actorFor(request)
    const query = queryParam(request, 'q').trim().slice(0, HEADLINE_SEARCH_LIMIT)
    const [editing, candidates] = await Promise.all([
      threads.getForEditing(actor, slug),
      threads.candidates(actor, slug, query),
    ])
    return reply.admin(
      <ThreadPage
        {...editing}
        candidates={candidates}
        query={query}
        attempt={attempt}
        problem={problem}
        notice={notice}
      />,
      { title: editing.thread.title, area: 'threads', status: problem?.status },
    )
  }

  /** Where to go after a change: the thread's page, at the part that changed. */
  const backTo = (slug: string, done: string, anchor = 'articles') =>
    `/admin/threads/${slug}?done=${done}#${anchor}`

  app.get('/threads', async (request, reply) =>
    renderList(request, reply, { notice: NOTICES.get(queryParam(request, 'done')) }),
  )

  app.post('/threads', async (request, reply) => {
    const form = formOf(request)
    const values = {
      title: text(form, 'title'),
      slug: text(form, 'slug'),
      description: text(form, 'description'),
    }
    return handleForm(request, reply, {
      run: async () => {
        const thread = await threads.create(actorFor(request), values)
        return reply.redirect(backTo(thread.slug, 'created', 'add'), 303)
      },
      render: (problem) => renderList(request, reply, { attempt: values, problem }),
    })
  })

  app.get('/threads/:slug', async (request, reply) =>
    renderThread(request, reply, threadSlug(request), {
      notice: NOTICES.get(queryParam(request, 'done')),
    }),
  )

  app.post('/threads/:slug', async (request, reply) => {
    const slug = threadSlug(request)
    const form = formOf(request)
    const values = { title: text(form, 'title'), description: text(form, 'description') }
    return handleForm(request, reply, {
      run: async () => {
        await threads.update(actorFor(request), slug, values)
        return reply.redirect(backTo(slug, 'saved', 'details-title'), 303)
      },
      render: (problem) =>
        renderThread(request, reply, slug, { attempt: { form: 'details', ...values }, problem }),
    })
  })

  app.post('/threads/:slug/articles', async (request, reply) => {
    const slug = threadSlug(request)
    const chosen = text(formOf(request), 'article_id')
    return handleForm(request, reply, {
      run: async () => {
        const articleId = articleIdOf(chosen)
        await threads.addArticle(actorFor(request), slug, articleId)
        return reply.redirect(backTo(slug, 'added', `article-${articleId}`), 303)
      },
      render: (problem) =>
        renderThread(request, reply, slug, {
          attempt: { form: 'add', articleId: chosen },
          problem,
        }),
    })
  })

  app.post('/threads/:slug/articles/:id/move', async (request, reply) => {
    const { slug, id } = memberOf(request)
    return handleForm(request, reply, {
      run: async () => {
        const moving = directionOf(formOf(request), 'An article')
        await threads.moveArticle(actorFor(request), slug, id, moving)
        return reply.redirect(backTo(slug, 'moved', `article-${id}`), 303)
      },
      render: (problem) =>
        renderThread(request, reply, slug, { attempt: { form: 'member', articleId: id }, problem }),
    })
  })

  app.post('/threads/:slug/articles/:id/remove', async (request, reply) => {
    const { slug, id } = memberOf(request)
    return handleForm(request, reply, {
      run: async () => {
        await threads.removeArticle(actorFor(request), slug, id)
        return reply.redirect(backTo(slug, 'removed'), 303)
      },
      render: (problem) =>
        renderThread(request, reply, slug, { attempt: { form: 'member', articleId: id }, problem }),
    })
  })

  app.post('/threads/:slug/delete', async (request, reply) => {
    const slug = threadSlug(request)
    return handleForm(request, reply, {
      run: async () => {
        await threads.remove(actorFor(request), slug)
        return reply.redirect('/admin/threads?done=deleted', 303)
      },
      render: (problem) =>
        renderThread(request, reply, slug, { attempt: { form: 'delete' }, problem }),
    })
  })
}
