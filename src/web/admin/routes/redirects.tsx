import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { CsvProblem } from '../../../domain/redirects/redirect-csv.js'
import type { Problem } from '../../plugins/problems.js'
import { formOf, forgivingPage, queryParam, text } from '../../plugins/request-parsing.js'
import { actorFor } from '../actor.js'
import type { AdminDeps } from '../deps.js'
import { handleForm } from '../forms.js'
import { RedirectsPage, type RedirectsPageProps } from '../views/redirects-page.js'

const NOTICES = new Map([
  ['saved', 'Redirect saved. The old address answers with the new one now.'],
  ['removed', 'Redirect removed.'],
  ['imported', 'Redirects saved from the file.'],
])

/** The redirects at /admin/redirects: the service decides who may see and change them. */
export async function redirectRoutes(app: FastifyInstance, { services }: AdminDeps) {
  const { redirects } = services

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Pick<RedirectsPageProps, 'attempt' | 'csv' | 'problem'> & { status?: number } = {},
  ): Promise<FastifyReply> {
    const query = queryParam(request, 'q').trim().slice(0, 200)
    const page = forgivingPage.parse(queryParam(request, 'page') || '1')
    const list = await redirects.list(actorFor(request), page, query)
    return reply.admin(
      <RedirectsPage
        redirects={list}
        query={query}
        notice={NOTICES.get(queryParam(request, 'done'))}
        {...extra}
      />,
      { title: 'Redirects', area: 'redirects', status: extra.status ?? extra.problem?.status },
    )
  }

  app.get('/redirects', async (request, reply) => render(request, reply))

  app.post('/redirects', async (request, reply) => {
    const form = formOf(request)
    const attempt = { from: text(form, 'from'), to: text(form, 'to') }
    return handleForm(request, reply, {
      run: async () => {
        await redirects.save(actorFor(request), attempt)
        return reply.redirect('/admin/redirects?done=saved', 303)
      },
      render: (problem: Problem) => render(request, reply, { attempt, problem }),
    })
  })

  app.post('/redirects/remove', async (request, reply) => {
    const from = text(formOf(request), 'from')
    return handleForm(request, reply, {
      run: async () => {
        await redirects.remove(actorFor(request), from)
        return reply.redirect('/admin/redirects?done=removed', 303)
      },
      render: (problem: Problem) => render(request, reply, { problem }),
    })
  })

  app.post('/redirects/csv', async (request, reply) => {
    const csvText = text(formOf(request), 'csv')
    const refused = (problems: CsvProblem[]) =>
      render(request, reply, { csv: { text: csvText, problems }, status: 422 })
    return handleForm(request, reply, {
      run: async () => {
        const outcome = await redirects.importCsv(actorFor(request), csvText)
        if (outcome.problems.length > 0) return refused(outcome.problems)
        return reply.redirect('/admin/redirects?done=imported', 303)
      },
      render: (problem: Problem) =>
        render(request, reply, { csv: { text: csvText, problems: [] }, problem }),
    })
  })
}
