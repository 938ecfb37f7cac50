import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Author } from '../../../domain/people/author.js'
import { actorFor } from '../actor.js'
import type { AdminDeps } from '../deps.js'
import type { Problem } from '../../plugins/problems.js'
import { formOf, queryParam, text } from '../../plugins/request-parsing.js'
import { handleForm } from '../forms.js'
import { profileValuesFrom } from '../profile-values.js'
import { profileValuesOf, type ProfileValues } from '../views/profile-form.js'
import { ProfilePage } from '../views/profile-page.js'

/** Everyone's own profile, at /admin/account/profile: the author their bylines show. */
export async function profileRoutes(app: FastifyInstance, { services }: AdminDeps) {
  const { authorEditing, media } = services

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    {
      author,
      values,
      photo,
      query = '',
      problem,
    }: {
      author: Author | undefined
      values?: ProfileValues
      photo?: string
      query?: string
      problem?: Problem
    },
  ): Promise<FastifyReply> {
    const actor = actorFor(request)
    const id = photo ?? author?.photo?.id ?? ''
    const [chosen] =
      id === '' ? [] : id === author?.photo?.id ? [author.photo] : await media.getMany([id])
    const found = await media.list(actor, {
      query: query.trim(),
      page: 1,
      perPage: query.trim() === '' ? 6 : 12,
    })
    const name = request.user?.displayName ?? ''
    return reply.admin(
      <ProfilePage
        author={author}
        values={values ?? (author ? profileValuesOf(author) : { name, bio: '', links: [] })}
        chosen={chosen}
        found={found.items}
        query={query}
        problem={problem}
        saved={queryParam(request, 'saved') === '1'}
      />,
      { title: 'Your profile', area: 'account', images: true, status: problem?.status },
    )
  }

  app.get('/account/profile', async (request, reply) =>
    render(request, reply, { author: await authorEditing.ownProfile(actorFor(request)) }),
  )

  app.post('/account/profile', async (request, reply) => {
    const form = formOf(request)
    const values = profileValuesFrom(form)
    const photo = text(form, 'photo').trim()
    const query = text(form, 'photo_query')
    const author = await authorEditing.ownProfile(actorFor(request))
    if (text(form, 'intent') === 'find_images') {
      return render(request, reply, { author, values, photo, query })
    }
    return handleForm(request, reply, {
      run: async () => {
        await authorEditing.updateOwnProfile(actorFor(request), {
          ...values,
          photo: photo === '' ? null : photo,
        })
        return reply.redirect('/admin/account/profile?saved=1', 303)
      },
      render: (problem) => render(request, reply, { author, values, photo, query, problem }),
    })
  })
}
