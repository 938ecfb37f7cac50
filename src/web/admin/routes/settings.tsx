import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { authorize } from '../../../domain/access/policy.js'
import type { CommentSettings } from '../../../domain/comments/comment-policy.js'
import { actorFor } from '../actor.js'
import type { AdminDeps } from '../deps.js'
import type { Problem } from '../../plugins/problems.js'
import { formOf, queryParam, text } from '../../plugins/request-parsing.js'
import { handleForm } from '../forms.js'
import { IdentityForm, type IdentityValues } from '../views/identity-form.js'
import { SettingsPage } from '../views/settings-page.js'

interface CommentValues {
  mode: string
  days: string
  moderation: string
  blockedWords: string
}

export async function settingsRoutes(app: FastifyInstance, { services }: AdminDeps) {
  const { identity, media } = services

  const identityValues = (): IdentityValues => {
    const current = identity.current()
    return { ...current, logo: current.logoId ?? '' }
  }

  async function commentValues(): Promise<CommentValues> {
    const settings = await services.settings.commentSettings()
    return {
      mode: settings.mode,
      days: String(settings.days),
      moderation: settings.moderation,
      blockedWords: settings.blockedWords.join('\n'),
    }
  }

  /** The whole page; a form that came back brings its values and its problem. */
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    {
      comments,
      commentProblem,
      site = identityValues(),
      siteProblem,
      query = '',
    }: {
      comments?: CommentValues
      commentProblem?: Problem
      site?: IdentityValues
      siteProblem?: Problem
      query?: string
    } = {},
  ): Promise<FastifyReply> {
    const actor = actorFor(request)
    authorize(actor, 'settings:manage')
    const [chosen] = site.logo === '' ? [] : await media.getMany([site.logo])
    const found = await media.list(actor, {
      query: query.trim(),
      page: 1,
      perPage: query.trim() === '' ? 6 : 12,
    })
    return reply.admin(
      <SettingsPage
        values={comments ?? (await commentValues())}
        problem={commentProblem}
        saved={queryParam(request, 'saved') === '1'}
        twoFactorRequired={await services.twoFactor.isRequired()}
        identity={
          <IdentityForm
            values={site}
            chosen={chosen}
            found={found.items}
            query={query}
            problem={siteProblem}
          />
        }
      />,
      {
        title: 'Settings',
        area: 'settings',
        images: true,
        status: (siteProblem ?? commentProblem)?.status,
      },
    )
  }

  app.get('/settings', async (request, reply) => render(request, reply))

  app.post('/settings/identity', async (request, reply) => {
    const form = formOf(request)
    const site: IdentityValues = {
      name: text(form, 'name'),
      tagline: text(form, 'tagline'),
      logo: text(form, 'logo').trim(),
      accent: text(form, 'accent'),
      language: text(form, 'language'),
      timeZone: text(form, 'time_zone'),
    }
    const query = text(form, 'logo_query')
    if (text(form, 'intent') === 'find_images') return render(request, reply, { site, query })
    return handleForm(request, reply, {
      run: async () => {
        await identity.update(actorFor(request), { ...site, logoId: site.logo || null })
        return reply.redirect('/admin/settings?saved=1', 303)
      },
      render: (problem) => render(request, reply, { site, siteProblem: problem, query }),
    })
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
      render: (problem) => render(request, reply, { comments: values, commentProblem: problem }),
    })
  })
}
