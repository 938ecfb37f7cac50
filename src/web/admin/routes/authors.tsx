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
import { handleForm, isConfirmed } from '../forms.js'
import { ValidationError } from '../../../domain/errors.js'
import { profileValuesFrom } from '../profile-values.js'
import { profileValuesOf, type ProfileValues } from '../views/profile-form.js'
import { AuthorPage, AuthorsPage } from '../views/authors-page.js'

const PER_PAGE = 50
/** Authors offered to merge into, by name. */
const MERGE_CHOICES = 500

const NOTICES = new Map([
  ['saved', 'Photo saved.'],
  ['profile', 'Profile saved.'],
  ['merged', 'Merged: the bylines moved here, and the other author’s page redirects to this one.'],
])

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
    {
      photo,
      query = '',
      problem,
      profile,
      problemIn,
    }: {
      photo?: string
      query?: string
      problem?: Problem
      profile?: ProfileValues
      problemIn?: 'photo' | 'profile' | 'merge'
    } = {},
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
    const others = await authors.list(actor, 1, MERGE_CHOICES)
    return reply.admin(
      <AuthorPage
        author={author}
        profile={profile ?? profileValuesOf(author)}
        problemIn={problemIn}
        others={others.items}
        chosen={chosen}
        found={found.items}
        query={query}
        problem={problem}
        notice={NOTICES.get(queryParam(request, 'done'))}
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

  app.post('/authors/:slug/profile', async (request, reply) => {
    const slug = slugOf(request)
    const profile = profileValuesFrom(formOf(request))
    return handleForm(request, reply, {
      run: async () => {
        await services.authorEditing.updateProfile(actorFor(request), slug, profile)
        return reply.redirect(`/admin/authors/${slug}?done=profile`, 303)
      },
      render: async (problem) =>
        renderAuthor(request, reply, await authors.getBySlug(slug), {
          problem,
          profile,
          problemIn: 'profile',
        }),
    })
  })

  app.post('/authors/:slug/merge', async (request, reply) => {
    const slug = slugOf(request)
    const form = formOf(request)
    const into = text(form, 'into')
    return handleForm(request, reply, {
      run: async () => {
        if (!isConfirmed(form)) {
          throw new ValidationError('not_confirmed', 'Tick the box to say you mean to merge.', {
            field: 'confirm',
          })
        }
        await services.authorEditing.merge(actorFor(request), slug, into)
        return reply.redirect(`/admin/authors/${into}?done=merged`, 303)
      },
      render: async (problem) =>
        renderAuthor(request, reply, await authors.getBySlug(slug), {
          problem,
          problemIn: 'merge',
        }),
    })
  })
}
