import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { authorize } from '../../../domain/access/policy.js'
import { ValidationError } from '../../../domain/errors.js'
import { isMenuItemKind, isMenuName } from '../../../domain/menus/menu.js'
import { actorFor } from '../actor.js'
import type { AdminDeps } from '../deps.js'
import type { Problem } from '../../plugins/problems.js'
import { formOf, parseOrNotFound, queryParam, text } from '../../plugins/request-parsing.js'
import { directionOf, handleForm } from '../forms.js'
import { MenusPage, type MenusPageProps } from '../views/menus-page.js'

const itemParams = z.object({ item: z.string().regex(/^[a-z0-9-]{1,80}$/) })

const NOTICES = new Map([
  ['added', 'Added at the end of the menu.'],
  ['moved', 'Menu order saved.'],
  ['removed', 'Taken out of the menu.'],
])

/** The navigation and the footer, at /admin/menus: editors and admins. */
export async function menuRoutes(app: FastifyInstance, { services }: AdminDeps) {
  const { menus, sections, pages } = services
  const itemOf = (request: FastifyRequest) =>
    parseOrNotFound(itemParams, request.params, {
      code: 'menu_item_not_found',
      message: 'That link is not in the menu any more.',
    }).item

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    { problem, typed }: { problem?: Problem; typed?: MenusPageProps['typed'] } = {},
  ): Promise<FastifyReply> {
    const actor = actorFor(request)
    authorize(actor, 'menus:manage')
    const [entries, sectionList, pageList] = await Promise.all([
      menus.entries(actor),
      sections.list(),
      pages.list(actor),
    ])
    return reply.admin(
      <MenusPage
        entries={entries}
        sections={sectionList}
        pages={pageList}
        problem={problem}
        typed={typed}
        notice={NOTICES.get(queryParam(request, 'done'))}
      />,
      { title: 'Menus', area: 'menus', status: problem?.status },
    )
  }

  app.get('/menus', async (request, reply) => render(request, reply))

  app.post('/menus', async (request, reply) => {
    const form = formOf(request)
    const menu = text(form, 'menu')
    const kind = text(form, 'kind')
    const typed = { menu, label: text(form, 'label'), url: text(form, 'url') }
    return handleForm(request, reply, {
      run: async () => {
        if (!isMenuName(menu) || !isMenuItemKind(kind)) {
          throw new ValidationError('invalid_menu', 'Choose a menu and what to add to it.')
        }
        const target = kind === 'link' ? typed.url : text(form, 'target')
        await menus.add(actorFor(request), { menu, kind, target, label: typed.label })
        return reply.redirect(`/admin/menus?done=added#menu-${menu}`, 303)
      },
      render: (problem) => render(request, reply, { problem, typed }),
    })
  })

  app.post('/menus/:item/move', async (request, reply) => {
    const item = itemOf(request)
    return handleForm(request, reply, {
      run: async () => {
        await menus.move(actorFor(request), item, directionOf(formOf(request), 'A link'))
        return reply.redirect(`/admin/menus?done=moved#item-${item}`, 303)
      },
      render: (problem) => render(request, reply, { problem }),
    })
  })

  app.post('/menus/:item/remove', async (request, reply) => {
    const item = itemOf(request)
    return handleForm(request, reply, {
      run: async () => {
        await menus.remove(actorFor(request), item)
        return reply.redirect('/admin/menus?done=removed', 303)
      },
      render: (problem) => render(request, reply, { problem }),
    })
  })
}
