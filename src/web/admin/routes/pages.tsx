import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { authorize } from '../../../domain/access/policy.js'
import { ValidationError } from '../../../domain/errors.js'
import type { Page } from '../../../domain/pages/page.js'
import { actorFor } from '../actor.js'
import type { AdminDeps } from '../deps.js'
import type { Problem } from '../../plugins/problems.js'
import {
  formOf,
  idParams,
  parseOrNotFound,
  queryParam,
  text,
  type FormValues,
} from '../../plugins/request-parsing.js'
import { handleForm, isConfirmed } from '../forms.js'
import { PageEditor, PagesPage, type PageValues } from '../views/pages-page.js'

const NOTICES = new Map([
  ['created', 'Page created.'],
  ['saved', 'Saved.'],
  ['restored', 'That version is back, as a new version.'],
  ['deleted', 'Page deleted.'],
])

const missing = { code: 'page_not_found', message: 'There is no such page.' }

function valuesOf(form: FormValues): PageValues {
  const version = Number(text(form, 'version'))
  return {
    title: text(form, 'title'),
    slug: text(form, 'slug'),
    description: text(form, 'description'),
    body: text(form, 'body'),
    published: text(form, 'published') === 'yes',
    version: Number.isInteger(version) ? version : -1,
  }
}

const valuesOfPage = (page: Page): PageValues => ({ ...page, slug: page.slug })

/** The site's pages at /admin/pages: editors and admins. */
export async function pageRoutes(app: FastifyInstance, { services }: AdminDeps) {
  const { pages } = services
  const idOf = (request: FastifyRequest) => parseOrNotFound(idParams, request.params, missing).id

  async function renderEditor(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string | undefined,
    { values, problem }: { values?: PageValues; problem?: Problem } = {},
  ): Promise<FastifyReply> {
    const actor = actorFor(request)
    const found = id === undefined ? undefined : await pages.get(actor, id)
    if (!found) authorize(actor, 'pages:manage')
    const shown =
      values ??
      (found
        ? valuesOfPage(found.page)
        : { title: '', slug: '', description: '', body: '', published: false, version: 0 })
    return reply.admin(
      <PageEditor
        page={found?.page}
        values={shown}
        revisions={found?.revisions}
        problem={problem}
        notice={NOTICES.get(queryParam(request, 'done'))}
      />,
      {
        title: found?.page.title ?? 'New page',
        area: 'pages',
        editor: true,
        status: problem?.status,
      },
    )
  }

  app.get('/pages', async (request, reply) => {
    const list = await pages.list(actorFor(request))
    return reply.admin(
      <PagesPage pages={list} notice={NOTICES.get(queryParam(request, 'done'))} />,
      {
        title: 'Pages',
        area: 'pages',
      },
    )
  })

  app.get('/pages/new', async (request, reply) => renderEditor(request, reply, undefined))

  app.post('/pages', async (request, reply) => {
    const values = valuesOf(formOf(request))
    return handleForm(request, reply, {
      run: async () => {
        const page = await pages.create(actorFor(request), values)
        return reply.redirect(`/admin/pages/${page.id}?done=created`, 303)
      },
      render: (problem) => renderEditor(request, reply, undefined, { values, problem }),
    })
  })

  app.get('/pages/:id', async (request, reply) => renderEditor(request, reply, idOf(request)))

  app.post('/pages/:id', async (request, reply) => {
    const id = idOf(request)
    const values = valuesOf(formOf(request))
    return handleForm(request, reply, {
      run: async () => {
        await pages.save(actorFor(request), id, values.version, values)
        return reply.redirect(`/admin/pages/${id}?done=saved`, 303)
      },
      render: (problem) => renderEditor(request, reply, id, { values, problem }),
    })
  })

  app.post('/pages/:id/restore', async (request, reply) => {
    const id = idOf(request)
    const version = Number(text(formOf(request), 'version'))
    return handleForm(request, reply, {
      run: async () => {
        if (!Number.isInteger(version) || version < 1) {
          throw new ValidationError('invalid_version', 'Choose a version to bring back.', {
            field: 'version',
          })
        }
        await pages.restore(actorFor(request), id, version)
        return reply.redirect(`/admin/pages/${id}?done=restored`, 303)
      },
      render: (problem) => renderEditor(request, reply, id, { problem }),
    })
  })

  app.post('/pages/:id/delete', async (request, reply) => {
    const id = idOf(request)
    const form = formOf(request)
    return handleForm(request, reply, {
      run: async () => {
        if (!isConfirmed(form)) {
          throw new ValidationError(
            'not_confirmed',
            'Tick the box to say you mean to delete this page.',
            {
              field: 'confirm',
            },
          )
        }
        await pages.remove(actorFor(request), id)
        return reply.redirect('/admin/pages?done=deleted', 303)
      },
      render: (problem) => renderEditor(request, reply, id, { problem }),
    })
  })
}
