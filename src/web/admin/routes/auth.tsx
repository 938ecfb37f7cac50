import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { SignedIn } from '../../../domain/accounts/account-service.js'
import { actorFor } from '../actor.js'
import type { AdminDeps } from '../deps.js'
import { formOf, queryParam, text, type FormValues } from '../../plugins/request-parsing.js'
import { handleForm, safeNext } from '../forms.js'
import { summariseReplay } from '../replay-summary.js'
import {
  bindCsrfToken,
  clearSessionCookie,
  DEVICE_COOKIE,
  rotatePreSession,
  SESSION_COOKIE,
  setDeviceCookie,
  setSessionCookie,
} from '../session.js'
import { CodePage, LoginPage } from '../views/auth-pages.js'
import { ContinuePage, replayedValues, type Replay } from '../views/replay-pages.js'

// No tighter body limit than the newsroom's: a sign-in may carry a kept article. The
// fields themselves are capped before anything is looked up, stored or hashed.
const publicForm = { config: { public: true } }

/** The form kept through signing in, if the sign-in form carries one. */
async function keptForm(
  request: FastifyRequest,
  deps: AdminDeps,
  signedIn: boolean,
): Promise<Replay | undefined> {
  const form = formOf(request)
  const replayTo = text(form, 'replay_to')
  if (!replayTo) return undefined
  const action = safeNext(replayTo)
  const values: FormValues = replayedValues(form)
  const actor = signedIn ? actorFor(request) : undefined
  return { action, values, summary: await summariseReplay(action, values, deps.services, actor) }
}

export async function authRoutes(app: FastifyInstance, deps: AdminDeps) {
  const { services, secureCookies } = deps

  /** Signed in: the cookies, a fresh CSRF binding, then on to `next` or to the kept form. */
  async function finish(
    request: FastifyRequest,
    reply: FastifyReply,
    signedIn: SignedIn,
    next: string,
  ): Promise<FastifyReply> {
    setSessionCookie(reply, signedIn.token, signedIn.lifetimeSeconds, secureCookies)
    setDeviceCookie(reply, signedIn.deviceToken, secureCookies)
    // A pre-session value planted before sign-in must not outlive it.
    rotatePreSession(reply, secureCookies)
    await bindCsrfToken(request, reply, services.accounts, {
      session: signedIn.token,
      secure: secureCookies,
    })
    request.user = signedIn.user
    const replay = await keptForm(request, deps, true)
    if (replay) {
      return reply.admin(<ContinuePage replay={replay} heading="You are signed in" />, {
        title: 'Signed in',
      })
    }
    return reply.redirect(next, 303)
  }

  app.get('/login', { config: { public: true } }, async (request, reply) => {
    const next = safeNext(queryParam(request, 'next') || '/admin')
    if (request.user) return reply.redirect(next, 303)
    return reply.admin(<LoginPage next={next} />, { title: 'Sign in' })
  })

  app.post('/login', publicForm, async (request, reply) => {
    const form = formOf(request)
    const next = safeNext(text(form, 'next'))
    const replay = await keptForm(request, deps, false)
    return handleForm(request, reply, {
      run: async () => {
        const result = await services.accounts.signIn({
          email: text(form, 'email'),
          password: text(form, 'password'),
          ip: request.ip,
          device: request.cookies[DEVICE_COOKIE],
        })
        if (result.stage === 'signed-in') return finish(request, reply, result, next)
        setSessionCookie(reply, result.token, undefined, secureCookies)
        return reply.admin(<CodePage next={next} replay={replay} />, { title: 'Enter your code' })
      },
      render: (problem) =>
        reply.admin(
          <LoginPage email={text(form, 'email')} next={next} problem={problem} replay={replay} />,
          { title: 'Sign in', status: problem.status },
        ),
    })
  })

  app.get('/login/code', { config: { public: true } }, async (request, reply) => {
    const next = safeNext(queryParam(request, 'next') || '/admin')
    if (request.user) return reply.redirect(next, 303)
    const pending = await services.accounts.pendingUser(request.cookies[SESSION_COOKIE] ?? '')
    if (!pending) return reply.redirect(`/admin/login?next=${encodeURIComponent(next)}`, 303)
    return reply.admin(<CodePage next={next} />, { title: 'Enter your code' })
  })

  app.post('/login/code', publicForm, async (request, reply) => {
    const form = formOf(request)
    const next = safeNext(text(form, 'next'))
    const replay = await keptForm(request, deps, false)
    return handleForm(request, reply, {
      run: async () => {
        const signedIn = await services.accounts.completeSecondFactor({
          token: request.cookies[SESSION_COOKIE] ?? '',
          code: text(form, 'code'),
          ip: request.ip,
          device: request.cookies[DEVICE_COOKIE],
        })
        return finish(request, reply, signedIn, next)
      },
      render: (problem) =>
        problem.code === 'sign_in_again'
          ? reply.admin(<LoginPage next={next} problem={problem} replay={replay} />, {
              title: 'Sign in',
              status: problem.status,
            })
          : reply.admin(<CodePage next={next} problem={problem} replay={replay} />, {
              title: 'Enter your code',
              status: problem.status,
            }),
    })
  })

  app.post('/logout', { config: { twoFactorSetup: true } }, async (request, reply) => {
    return handleForm(request, reply, {
      run: async () => {
        await services.accounts.signOut(request.cookies[SESSION_COOKIE] ?? '')
        clearSessionCookie(reply, secureCookies)
        rotatePreSession(reply, secureCookies)
        return reply.redirect('/admin/login', 303)
      },
      render: (problem) =>
        reply.admin(<AccountProblem message={problem.message} />, {
          title: 'Your account',
          status: problem.status,
        }),
    })
  })
}

/** Signing out refused (a stale token): say so, with a way back. */
function AccountProblem({ message }: { message: string }) {
  return (
    <div class="narrow">
      <h1>That did not work</h1>
      <p>{message}</p>
      <p>
        <a href="/admin/account">Your account</a>
      </p>
    </div>
  )
}
