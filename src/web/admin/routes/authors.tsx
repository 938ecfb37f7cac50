import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { authorize } from '../../../domain/access/policy.js'
import type { Author } from '../../../domain/people/author.js'
import { actorFor } from '../actor.js'
import type { AdminDeps } from '../deps.js'
import type { Problem } from '../../plugins/problems.js'
import {
  formOf,
  pageQuery,
  parseOrNotFound,
  queryParam,
  slugParams,
  text,
} from '../../plugins/request-parsing.js'
import { handleForm } from '../forms.js'
import { AuthorPage, AuthorsPage } from '../views/authors-page.js'

const PER_PAGE = 50

/** Authors and their photos, at /admin/authors: editors and admins. */
export async function authorRoutes(app: FastifyInstance, { services }: AdminDeps) {
  const { authors, media } = services

  const slugOf = (request: FastifyRequest): string => {
    const missing = { code: 'author_not_found', message: 'There is no such author.' }
    return parseOrNotFound(slugParams, request.params, missing).slug
  }

  async function renderAuthor(
    request: FastifyRequest,
    reply: FastifyReply,
    author: Author,
    { photo, query = '', problem }: { photo?: string; query?: string; problem?: Problem } = {},
  ): Promise<FastifyReply> {
    const actor = actorFor(request)
    authorize(actor, 'authors:manage')
    const id = photo ?? author.photo?.id ?? ''
    const [chosen] =
      id === '' ? [] : id === author.photo?.id ? [author.photo] : await media.getMany([id])
    const found = await media.list(actor, {
      query: query.trim(),
      page: 1,
      perPage: query.trim() === '' ? 6 : 12,
    })
    return reply.admin(
      <AuthorPage
        author={author}
        chosen={chosen}
        found={found.items}
        query={query}
        problem={problem}
        notice={queryParam(request, 'done') === 'saved' ? 'Photo saved.' : undefined}
      />,
      { title: author.name, area: 'authors', images: true, status: problem?.status },
    )
  }

  app.get('/authors', async (request, reply) => {
    const { page } = parseOrNotFound(pageQuery, request.query)
    const list = await authors.list(actorFor(request), page, PER_PAGE)
    return reply.admin(<AuthorsPage authors={list} />, { title: 'Authors', area: 'authors' })
  })

  app.get('/authors/:slug', async (request, reply) =>
    renderAuthor(request, reply, await authors.getBySlug(slugOf(request))),
  )

  app.post('/authors/:slug', async (request, reply) => {
    const slug = slugOf(request)
    const form = formOf(request)
    const photo = text(form, 'photo').trim()
    const query = text(form, 'photo_query')
    const author = await authors.getBySlug(slug)
    if (text(form, 'intent') === 'find_images') {
      return renderAuthor(request, reply, author, { photo, query })
    }
    return handleForm(request, reply, {
      run: async () => {
        await authors.setPhoto(actorFor(request), slug, photo === '' ? null : photo)
        return reply.redirect(`/admin/authors/${slug}?done=saved`, 303)
      },
      render: (problem) => renderAuthor(request, reply, author, { photo, query, problem }),
    })
  })
}
