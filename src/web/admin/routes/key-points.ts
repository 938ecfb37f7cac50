import type { FastifyInstance } from 'fastify'
import { sendJsonProblem } from '../../plugins/problems.js'
import type { AdminDeps } from '../deps.js'
import { formOf, text } from '../../plugins/request-parsing.js'
import { handleForm } from '../forms.js'

// Progressive enhancement: the editor's script asks for suggestions without reloading
// the page. Nothing is saved; without the script, the editor's Suggest button does the same.
export async function keyPointRoutes(app: FastifyInstance, { services }: AdminDeps) {
  app.post('/key-points/suggest', async (request, reply) => {
    const form = formOf(request)
    return handleForm(request, reply, {
      run: async () =>
        reply.send({
          keyPoints: services.editing.suggestKeyPoints({
            body: text(form, 'body'),
            headline: text(form, 'headline'),
          }),
        }),
      render: (problem) => sendJsonProblem(reply, problem),
    })
  })
}
