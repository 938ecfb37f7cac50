import type { FastifyInstance } from 'fastify'
import { authorize } from '../../../domain/access/policy.js'
import type { CommentSettings } from '../../../domain/comments/comment-policy.js'
import { actorFor } from '../actor.js'
import type { AdminDeps } from '../deps.js'
import { formOf, queryParam, text } from '../../plugins/request-parsing.js'
import { handleForm } from '../forms.js'
import { SettingsPage } from '../views/settings-page.js'

export async function settingsRoutes(app: FastifyInstance, { services }: AdminDeps) {
  app.get('/settings', async (request, reply) => {
    authorize(actorFor(request), 'settings:manage')
    const settings = await services.settings.commentSettings()
    const values = {
      mode: settings.mode,
      days: String(settings.days),
      moderation: settings.moderation,
      blockedWords: settings.blockedWords.join('\n'),
    }
    return reply.admin(
      <SettingsPage
        values={values}
        saved={queryParam(request, 'saved') === '1'}
        twoFactorRequired={await services.twoFactor.isRequired()}
      />,
      {
        title: 'Settings',
        area: 'settings',
      },
    )
  })

  app.post('/settings/comments', async (request, reply) => {
    const form = formOf(request)
    const values = {
      mode: text(form, 'mode'),
      days: text(form, 'days'),
      moderation: text(form, 'moderation'),
      blockedWords: text(form, 'blocked_words'),
    }
    return handleForm(request, reply, {
      run: async () => {
        await services.settings.updateCommentSettings(actorFor(request), {
          mode: values.mode as CommentSettings['mode'],
          days: Number(values.days),
          moderation: values.moderation as CommentSettings['moderation'],
          blockedWords: values.blockedWords.split('\n'),
        })
        return reply.redirect('/admin/settings?saved=1', 303)
      },
      render: async (problem) =>
        reply.admin(
          <SettingsPage
            values={values}
            problem={problem}
            twoFactorRequired={await services.twoFactor.isRequired()}
          />,
          { title: 'Settings', area: 'settings', status: problem.status },
        ),
    })
  })
}
