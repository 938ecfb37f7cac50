import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { authorize } from '../../../domain/access/policy.js'
import { actorFor } from '../actor.js'
import type { AdminDeps } from '../deps.js'
import type { Problem } from '../../plugins/problems.js'
import { formOf, parseOrNotFound, queryParam, slug, text } from '../../plugins/request-parsing.js'
import { directionOf, handleForm, isConfirmed } from '../forms.js'
import { ValidationError } from '../../../domain/errors.js'
import { SectionsPage, type SectionAttempt } from '../views/sections-page.js'

const sectionParams = z.object({ slug: slug(60) })

/** The section slug from the URL; anything that cannot be one is simply not found. */
function sectionSlug(request: FastifyRequest): string {
  const missing = { code: 'section_not_found', message: 'There is no such section.' }
  return parseOrNotFound(sectionParams, request.params, missing).slug
}

const NOTICES = new Map([
  ['created', 'Section added at the end of the navigation.'],
  ['renamed', 'Section renamed. Its address stays the same.'],
  ['moved', 'Navigation order saved.'],
  ['deleted', 'Section deleted. Its articles moved, and its address redirects.'],
])

export async function sectionRoutes(app: FastifyInstance, { services }: AdminDeps) {
  const { sections } = services

  async function renderSections(
    reply: FastifyReply,
    {
      attempt,
      problem,
      notice,
    }: { attempt?: SectionAttempt; problem?: Problem; notice?: string | undefined },
  ): Promise<FastifyReply> {
    const list = await sections.list()
    return reply.admin(
      <SectionsPage sections={list} attempt={attempt} problem={problem} notice={notice} />,
      { title: 'Sections', area: 'sections', status: problem?.status },
    )
  }

  /** Where to go after a change: the list, at the section's row. */
  const backTo = (done: string, slug: string) => `/admin/sections?done=${done}#section-${slug}`

  app.get('/sections', async (request, reply) => {
    authorize(actorFor(request), 'sections:manage')
    return renderSections(reply, { notice: NOTICES.get(queryParam(request, 'done')) })
  })

  app.post('/sections', async (request, reply) => {
    const form = formOf(request)
    const values = { name: text(form, 'name'), slug: text(form, 'slug') }
    return handleForm(request, reply, {
      run: async () => {
        const section = await sections.create(actorFor(request), values)
        return reply.redirect(backTo('created', section.slug), 303)
      },
      render: (problem) =>
        renderSections(reply, { attempt: { form: 'create', ...values }, problem }),
    })
  })

  app.post('/sections/:slug/rename', async (request, reply) => {
    const slug = sectionSlug(request)
    const name = text(formOf(request), 'name')
    return handleForm(request, reply, {
      run: async () => {
        await sections.rename(actorFor(request), slug, name)
        return reply.redirect(backTo('renamed', slug), 303)
      },
      render: (problem) =>
        renderSections(reply, { attempt: { form: 'rename', slug, name }, problem }),
    })
  })

  app.post('/sections/:slug/move', async (request, reply) => {
    const slug = sectionSlug(request)
    return handleForm(request, reply, {
      run: async () => {
        await sections.move(actorFor(request), slug, directionOf(formOf(request), 'A section'))
        return reply.redirect(backTo('moved', slug), 303)
      },
      render: (problem) => renderSections(reply, { attempt: { form: 'move', slug }, problem }),
    })
  })

  app.post('/sections/delete', async (request, reply) => {
    const form = formOf(request)
    const values = { slug: text(form, 'slug'), into: text(form, 'into') }
    return handleForm(request, reply, {
      run: async () => {
        if (!isConfirmed(form)) {
          throw new ValidationError('not_confirmed', 'Tick the box to say you mean to delete it.', {
            field: 'confirm',
          })
        }
        await sections.remove(actorFor(request), values.slug, values.into)
        return reply.redirect('/admin/sections?done=deleted', 303)
      },
      render: (problem) =>
        renderSections(reply, { attempt: { form: 'delete', ...values }, problem }),
    })
  })
}
