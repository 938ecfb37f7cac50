import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ValidationError } from '../../../domain/errors.js'
import type { Problem } from '../../plugins/problems.js'
import {
  formOf,
  pageQuery,
  parseOrNotFound,
  queryParam,
  slugParams,
  text,
} from '../../plugins/request-parsing.js'
import { actorFor } from '../actor.js'
import type { AdminDeps } from '../deps.js'
import { handleForm, isConfirmed } from '../forms.js'
import { TagPage, TagsPage, type TagPageProps } from '../views/tags-page.js'

const PER_PAGE = 50

const NOTICES = new Map([
  ['renamed', 'Tag renamed. Its address stays the same.'],
  ['merged', 'Merged: the articles moved to this tag, and the other tag’s page redirects here.'],
])

/** Tags at /admin/tags: whoever may edit any article (a rename or merge changes them all). */
export async function tagRoutes(app: FastifyInstance, { services }: AdminDeps) {
  const { tags } = services

  const slugOf = (request: FastifyRequest): string => {
    const missing = { code: 'tag_not_found', message: 'There is no such tag.' }
    return parseOrNotFound(slugParams, request.params, missing).slug
  }

  async function renderTag(
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    props: Omit<TagPageProps, 'tag'> & { problem?: Problem } = {},
  ): Promise<FastifyReply> {
    const tag = await tags.getCounted(actorFor(request), slug)
    return reply.admin(<TagPage tag={tag} {...props} />, {
      title: tag.name,
      area: 'tags',
      status: props.problem?.status,
    })
  }

  app.get('/tags', async (request, reply) => {
    const { page } = parseOrNotFound(pageQuery, request.query)
    const query = queryParam(request, 'q').trim().slice(0, 60)
    const list = await tags.listCounted(actorFor(request), { query, page, perPage: PER_PAGE })
    return reply.admin(<TagsPage tags={list} query={query} />, { title: 'Tags', area: 'tags' })
  })

  app.get('/tags/:slug', async (request, reply) =>
    renderTag(request, reply, slugOf(request), {
      notice: NOTICES.get(queryParam(request, 'done')),
    }),
  )

  app.post('/tags/:slug', async (request, reply) => {
    const slug = slugOf(request)
    const name = text(formOf(request), 'name')
    return handleForm(request, reply, {
      run: async () => {
        await tags.rename(actorFor(request), slug, name)
        return reply.redirect(`/admin/tags/${slug}?done=renamed`, 303)
      },
      render: (problem) =>
        renderTag(request, reply, slug, { problem, problemIn: 'rename', typed: { name } }),
    })
  })

  app.post('/tags/:slug/merge', async (request, reply) => {
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
        const merged = await tags.merge(actorFor(request), slug, into)
        return reply.redirect(`/admin/tags/${merged.into.slug}?done=merged`, 303)
      },
      render: (problem) =>
        renderTag(request, reply, slug, { problem, problemIn: 'merge', typed: { into } }),
    })
  })
}
