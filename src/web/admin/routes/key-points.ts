import type { FastifyInstance } from 'fastify'
import { ARTICLE_LIMITS } from '../../../domain/articles/article.js'
import { suggestKeyPoints } from '../../../text/summarise.js'
import { sendJsonProblem } from '../../plugins/problems.js'
import type { AdminDeps } from '../deps.js'
import { formOf, text } from '../../plugins/request-parsing.js'
import { handleForm } from '../forms.js'

/** The editor's "Suggest" for At a glance: key sentences of the body, for anyone writing. */
export function keyPointSuggestions(body: string, headline: string): string[] {
  return suggestKeyPoints(body, headline, { maxLength: ARTICLE_LIMITS.keyPoint })
}

// Progressive enhancement: the editor's script asks for suggestions without reloading
// the page. Nothing is saved; without the script, the editor's Suggest button does the same.
export async function keyPointRoutes(app: FastifyInstance, _deps: AdminDeps) {
  app.post('/key-points/suggest', async (request, reply) => {
    const form = formOf(request)
    return handleForm(request, reply, {
      run: async () =>
        reply.send({ keyPoints: keyPointSuggestions(text(form, 'body'), text(form, 'headline')) }),
      render: (problem) => sendJsonProblem(reply, problem),
    })
  })
}
