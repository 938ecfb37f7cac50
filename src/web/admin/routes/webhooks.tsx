import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Problem } from '../../plugins/problems.js'
import {
  formOf,
  idParams,
  parseOrNotFound,
  queryParam,
  text,
  texts,
  type FormValues,
} from '../../plugins/request-parsing.js'
import { actorFor } from '../actor.js'
import type { AdminDeps } from '../deps.js'
import { handleForm } from '../forms.js'
import type { WebhookValues } from '../views/webhook-form.js'
import { WebhookPage, WebhooksPage } from '../views/webhooks-page.js'

const NOTICES = new Map([
  ['saved', 'Saved.'],
  ['deleted', 'Webhook deleted. Nothing more is sent to it.'],
  ['test', 'A test event is on its way. Its delivery shows below.'],
])

const missing = { code: 'webhook_not_found', message: 'There is no such webhook.' }

function valuesOf(form: FormValues): WebhookValues {
  return {
    url: text(form, 'url'),
    description: text(form, 'description'),
    events: texts(form, 'events'),
    enabled: text(form, 'enabled') === 'yes',
  }
}

/** The webhooks at /admin/webhooks: the service lets admins alone see and change them. */
export async function webhookRoutes(app: FastifyInstance, { services }: AdminDeps) {
  const { webhooks } = services
  const idOf = (request: FastifyRequest) => parseOrNotFound(idParams, request.params, missing).id

  async function renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: WebhookValues; problem?: Problem; secret?: string } = {},
  ): Promise<FastifyReply> {
    const endpoints = await webhooks.list(actorFor(request))
    return reply.admin(
      <WebhooksPage
        endpoints={endpoints}
        notice={NOTICES.get(queryParam(request, 'done'))}
        {...extra}
      />,
      { title: 'Webhooks', area: 'webhooks', status: extra.problem?.status },
    )
  }

  async function renderOne(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: WebhookValues; problem?: Problem; secret?: string } = {},
  ): Promise<FastifyReply> {
    const { endpoint, deliveries } = await webhooks.get(actorFor(request), idOf(request))
    return reply.admin(
      <WebhookPage
        endpoint={endpoint}
        deliveries={deliveries}
        notice={NOTICES.get(queryParam(request, 'done'))}
        {...extra}
      />,
      { title: `Webhook: ${endpoint.url}`, area: 'webhooks', status: extra.problem?.status },
    )
  }

  app.get('/webhooks', async (request, reply) => renderList(request, reply))

  app.post('/webhooks', async (request, reply) => {
    const values = valuesOf(formOf(request))
    return handleForm(request, reply, {
      run: async () => {
        const { secret } = await webhooks.create(actorFor(request), values)
        // The secret is shown in this answer only (the newsroom's pages are never cached).
        return renderList(request, reply, { secret })
      },
      render: (problem) => renderList(request, reply, { values, problem }),
    })
  })

  app.get('/webhooks/:id', async (request, reply) => renderOne(request, reply))

  app.post('/webhooks/:id', async (request, reply) => {
    const id = idOf(request)
    const values = valuesOf(formOf(request))
    return handleForm(request, reply, {
      run: async () => {
        await webhooks.update(actorFor(request), id, values)
        return reply.redirect(`/admin/webhooks/${id}?done=saved`, 303)
      },
      render: (problem) => renderOne(request, reply, { values, problem }),
    })
  })

  app.post('/webhooks/:id/rotate', async (request, reply) => {
    const id = idOf(request)
    return handleForm(request, reply, {
      run: async () => {
        const secret = await webhooks.rotateSecret(actorFor(request), id)
        return renderOne(request, reply, { secret })
      },
      render: (problem) => renderOne(request, reply, { problem }),
    })
  })

  app.post('/webhooks/:id/test', async (request, reply) => {
    const id = idOf(request)
    return handleForm(request, reply, {
      run: async () => {
        await webhooks.sendTest(actorFor(request), id)
        return reply.redirect(`/admin/webhooks/${id}?done=test`, 303)
      },
      render: (problem) => renderOne(request, reply, { problem }),
    })
  })

  app.post('/webhooks/:id/delete', async (request, reply) => {
    const id = idOf(request)
    return handleForm(request, reply, {
      run: async () => {
        await webhooks.remove(actorFor(request), id)
        return reply.redirect('/admin/webhooks?done=deleted', 303)
      },
      render: (problem) => renderOne(request, reply, { problem }),
    })
  })
}
