import type { FastifyInstance } from 'fastify'
import { actorOf } from '../../../domain/accounts/account-service.js'
import type { AdminDeps } from '../deps.js'
import { formOf, queryParam, text, type FormValues } from '../../plugins/request-parsing.js'
import { handleForm, safeNext } from '../forms.js'
import {
  clearSessionCookie,
  rotateCsrfToken,
  SESSION_COOKIE,
  setSessionCookie,
} from '../session.js'
import { AccountPage, ContinuePage, LoginPage, REPLAY_PREFIX } from '../views/auth-pages.js'

/** The values a refused form carried through sign-in, without their prefix. */
function replayedValues(form: FormValues): FormValues {
  const values: FormValues = {}
  for (const [name, value] of Object.entries(form)) {
    if (name.startsWith(REPLAY_PREFIX)) values[name.slice(REPLAY_PREFIX.length)] = value
  }
  return values
}

export async function authRoutes(app: FastifyInstance, { services, secureCookies }: AdminDeps) {
  app.get('/login', { config: { public: true } }, async (request, reply) => {
    const next = safeNext(queryParam(request, 'next') || '/admin')
    if (request.user) return reply.redirect(next, 303)
    return reply.admin(<LoginPage next={next} />, { title: 'Sign in' })
  })

  app.post('/login', { config: { public: true } }, async (request, reply) => {
    const form = formOf(request)
    const next = safeNext(text(form, 'next'))
    const replayTo = text(form, 'replay_to')
    const replay = replayTo
      ? { action: safeNext(replayTo), values: replayedValues(form) }
      : undefined
    return handleForm(request, reply, {
      run: async () => {
        const { token, user } = await services.accounts.signIn({
          email: text(form, 'email'),
          password: text(form, 'password'),
          ip: request.ip,
        })
        setSessionCookie(reply, token, secureCookies)
        // A token an attacker planted before sign-in must not work after it.
        rotateCsrfToken(reply, secureCookies)
        request.user = user
        if (replay) {
          return reply.admin(<ContinuePage action={replay.action} values={replay.values} />, {
            title: 'Signed in',
          })
        }
        return reply.redirect(next, 303)
      },
      render: (problem) =>
        reply.admin(
          <LoginPage email={text(form, 'email')} next={next} problem={problem} replay={replay} />,
          {
            title: 'Sign in',
            status: problem.status,
          },
        ),
    })
  })

  app.post('/logout', async (request, reply) => {
    return handleForm(request, reply, {
      run: async () => {
        await services.accounts.signOut(request.cookies[SESSION_COOKIE] ?? '')
        clearSessionCookie(reply, secureCookies)
        rotateCsrfToken(reply, secureCookies)
        return reply.redirect('/admin/login', 303)
      },
      render: (problem) =>
        reply.admin(<AccountPage problem={problem} />, {
          title: 'Your account',
          status: problem.status,
        }),
    })
  })

  app.get('/account', async (request, reply) => {
    const saved = queryParam(request, 'saved') === '1'
    return reply.admin(<AccountPage saved={saved} />, { title: 'Your account', area: 'account' })
  })

  app.post('/account/password', { config: { secret: true } }, async (request, reply) => {
    const form = formOf(request)
    return handleForm(request, reply, {
      run: async () => {
        const user = request.user
        if (!user) throw new Error('the guard lets no one through without a session')
        await services.accounts.changePassword(
          actorOf(user),
          request.cookies[SESSION_COOKIE] ?? '',
          {
            current: text(form, 'current'),
            next: text(form, 'next'),
          },
        )
        return reply.redirect('/admin/account?saved=1', 303)
      },
      render: (problem) =>
        reply.admin(<AccountPage problem={problem} />, {
          title: 'Your account',
          area: 'account',
          status: problem.status,
        }),
    })
  })
}
