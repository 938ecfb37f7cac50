import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { authorize, can, type Actor } from '../../../domain/access/policy.js'
import { actorOf } from '../../../domain/accounts/account-service.js'
import { isRole, type Role, type User } from '../../../domain/accounts/user.js'
import { ValidationError } from '../../../domain/errors.js'
import { actorFor } from '../actor.js'
import type { AdminDeps } from '../deps.js'
import type { Problem } from '../../plugins/problems.js'
import {
  formOf,
  idParams,
  parseOrNotFound,
  queryParam,
  text,
} from '../../plugins/request-parsing.js'
import { handleForm } from '../forms.js'
import {
  NewUserPage,
  PasswordShownPage,
  UserPage,
  UsersPage,
  type UserPageProps,
} from '../views/users-pages.js'

/** The user id from the URL; anything that cannot be one is simply not found. */
function userId(request: FastifyRequest): string {
  const missing = { code: 'user_not_found', message: 'There is no such user.' }
  return parseOrNotFound(idParams, request.params, missing).id
}

function roleOf(value: string): Role {
  if (!isRole(value)) {
    throw new ValidationError('invalid_role', 'Choose one of the roles.', { field: 'role' })
  }
  return value
}

const NOTICES = new Map([
  ['saved', 'Saved.'],
  ['deactivated', 'Deactivated. Their sessions have ended, and they can no longer sign in.'],
  ['activated', 'Reactivated. They can sign in again with their password.'],
  ['two-factor-off', 'Two-factor sign-in is off for them. They can set it up again.'],
])

export async function userRoutes(app: FastifyInstance, { services }: AdminDeps) {
  const { accounts } = services

  async function renderUser(
    request: FastifyRequest,
    reply: FastifyReply,
    {
      user,
      values,
      problem,
      notice,
    }: {
      user: User
      values?: UserPageProps['values'] | undefined
      problem?: Problem
      notice?: string | undefined
    },
  ): Promise<FastifyReply> {
    const twoFactorOn = (await services.twoFactor.enabledAmong([user.id])).has(user.id)
    return reply.admin(
      <UserPage
        twoFactorOn={twoFactorOn}
        user={user}
        values={values ?? { displayName: user.displayName, role: user.role }}
        isYou={user.id === request.user?.id}
        problem={problem}
        notice={notice}
      />,
      { title: user.displayName, area: 'users', status: problem?.status },
    )
  }

  /** One of an account's buttons: a refusal comes back on the account's page. */
  async function accountAction(
    request: FastifyRequest,
    reply: FastifyReply,
    action: (actor: Actor, user: User) => Promise<FastifyReply>,
  ): Promise<FastifyReply> {
    const user = await accounts.getUser(actorFor(request), userId(request))
    return handleForm(request, reply, {
      run: () => action(actorFor(request), user),
      render: (problem) => renderUser(request, reply, { user, problem }),
    })
  }

  app.get('/users', async (request, reply) => {
    const users = await accounts.listUsers(actorFor(request))
    return reply.admin(<UsersPage users={users} you={request.user?.id} />, {
      title: 'Users',
      area: 'users',
    })
  })

  app.get('/users/new', async (request, reply) => {
    authorize(actorFor(request), 'users:manage')
    const values = { email: '', displayName: '', role: 'contributor' }
    return reply.admin(<NewUserPage values={values} />, { title: 'New user', area: 'users' })
  })

  app.post('/users', async (request, reply) => {
    const form = formOf(request)
    const values = {
      email: text(form, 'email'),
      displayName: text(form, 'displayName'),
      role: text(form, 'role'),
    }
    return handleForm(request, reply, {
      run: async () => {
        const { user, password } = await accounts.createUser(actorFor(request), {
          ...values,
          role: roleOf(values.role),
        })
        return reply.admin(
          <PasswordShownPage user={user} password={password} reason="created" isYou={false} />,
          { title: 'User created', area: 'users', status: 201 },
        )
      },
      render: (problem) =>
        reply.admin(<NewUserPage values={values} problem={problem} />, {
          title: 'New user',
          area: 'users',
          status: problem.status,
        }),
    })
  })

  app.get('/users/:id', async (request, reply) => {
    const user = await accounts.getUser(actorFor(request), userId(request))
    return renderUser(request, reply, { user, notice: NOTICES.get(queryParam(request, 'done')) })
  })

  app.post('/users/:id', async (request, reply) => {
    const form = formOf(request)
    const user = await accounts.getUser(actorFor(request), userId(request))
    const values = { displayName: text(form, 'displayName'), role: text(form, 'role') }
    return handleForm(request, reply, {
      run: async () => {
        const updated = await accounts.updateUser(actorFor(request), user.id, {
          displayName: values.displayName,
          role: roleOf(values.role),
        })
        // An admin who gave up their own admin role may no longer see this page.
        const next = can(actorOf(updated), 'users:manage') || updated.id !== request.user?.id
        return reply.redirect(next ? `/admin/users/${user.id}?done=saved` : '/admin', 303)
      },
      render: (problem) => renderUser(request, reply, { user, values, problem }),
    })
  })

  app.post('/users/:id/deactivate', (request, reply) =>
    accountAction(request, reply, async (actor, user) => {
      await accounts.setActive(actor, user.id, false)
      return reply.redirect(`/admin/users/${user.id}?done=deactivated`, 303)
    }),
  )

  app.post('/users/:id/activate', (request, reply) =>
    accountAction(request, reply, async (actor, user) => {
      await accounts.setActive(actor, user.id, true)
      return reply.redirect(`/admin/users/${user.id}?done=activated`, 303)
    }),
  )

  app.post('/users/:id/password', (request, reply) =>
    accountAction(request, reply, async (actor, user) => {
      const password = await accounts.resetPassword(actor, user.email)
      const isYou = user.id === request.user?.id
      return reply.admin(
        <PasswordShownPage user={user} password={password} reason="reset" isYou={isYou} />,
        { title: 'Password reset', area: 'users' },
      )
    }),
  )
}
