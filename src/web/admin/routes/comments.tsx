import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { COMMENT_STATUSES, type CommentStatus } from '../../../domain/comments/comment.js'
import type { ModerationAction } from '../../../domain/comments/comment-service.js'
import { ValidationError } from '../../../domain/errors.js'
import { actorFor } from '../actor.js'
import type { AdminDeps } from '../deps.js'
import type { Problem } from '../../plugins/problems.js'
import { forgivingPage, formOf, text, texts } from '../../plugins/request-parsing.js'
import { handleForm } from '../forms.js'
import { ModerationPage } from '../views/moderation-page.js'

const query = z.object({
  status: z.enum(COMMENT_STATUSES).catch('pending'),
  page: forgivingPage,
  done: z.enum(['approve', 'reject', 'spam', 'ban']).optional().catch(undefined),
  n: z.coerce.number().int().min(0).max(500).catch(0),
})

const ACTIONS: readonly ModerationAction[] = ['approve', 'reject', 'spam', 'ban']
const DONE: Record<ModerationAction, string> = {
  approve: 'approved',
  hold: 'held for review',
  reject: 'rejected',
  spam: 'marked as spam',
  ban: 'marked as spam, and their email and network banned',
}

function isAction(value: string): value is ModerationAction {
  return (ACTIONS as readonly string[]).includes(value)
}

/** One comment's button ("approve:ID"), or the bulk action over the ticked boxes. */
function requestedAction(form: Record<string, string | string[] | undefined>): {
  action: string
  ids: string[]
} {
  const single = text(form, 'single')
  if (single) {
    const [action = '', id = ''] = single.split(':')
    return { action, ids: [id] }
  }
  return { action: text(form, 'action'), ids: texts(form, 'id') }
}

export async function commentModerationRoutes(app: FastifyInstance, { services }: AdminDeps) {
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    status: CommentStatus,
    page: number,
    extra: { problem?: Problem; done?: string } = {},
  ) {
    const queue = await services.comments.queue(actorFor(request), status, page)
    return reply.admin(<ModerationPage queue={queue} status={status} {...extra} />, {
      title: 'Comments',
      area: 'comments',
      status: extra.problem?.status,
    })
  }

  app.get('/comments', async (request, reply) => {
    const { status, page, done, n } = query.parse(request.query ?? {})
    // The notice is composed here from known words, never echoed from the address.
    const notice = done ? `${n} comment${n === 1 ? '' : 's'} ${DONE[done]}.` : undefined
    return render(request, reply, status, page, { done: notice })
  })

  app.post('/comments', async (request, reply) => {
    const { status } = query.parse(request.query ?? {})
    const { action, ids } = requestedAction(formOf(request))
    return handleForm(request, reply, {
      run: async () => {
        if (!isAction(action)) {
          throw new ValidationError('unknown_action', 'Choose what to do with the comments.')
        }
        const count = await services.comments.moderate(actorFor(request), ids, action)
        return reply.redirect(`/admin/comments?status=${status}&done=${action}&n=${count}`, 303)
      },
      render: (problem) => render(request, reply, status, 1, { problem }),
    })
  })
}
