import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { HEADLINE_SEARCH_LIMIT } from '../../../domain/articles/article-store.js'
import { ValidationError } from '../../../domain/errors.js'
import { hoursOf } from '../../../domain/front-page/front-page.js'
import { isId } from '../../../domain/ids.js'
import { MAX_SECTION_SLUG_LENGTH } from '../../../domain/sections/section.js'
import type { Problem } from '../../plugins/problems.js'
import {
  formOf,
  id,
  parseOrNotFound,
  queryParam,
  slug,
  text,
  type FormValues,
} from '../../plugins/request-parsing.js'
import { actorFor } from '../actor.js'
import type { AdminDeps } from '../deps.js'
import { directionOf, handleForm } from '../forms.js'
import { FrontPageDesk, type BannerAttempt } from '../views/front-page-desk.js'

const storyParams = z.object({ id })
const sectionParams = z.object({ slug: slug(MAX_SECTION_SLUG_LENGTH) })

const NOTICES = new Map([
  ['placed', 'Story placed. The front page shows it now.'],
  ['moved', 'Order saved. The front page shows it now.'],
  ['pinned', 'Saved. The front page shows it now.'],
  ['removed', 'Story taken off the arranged places. It may still show by recency.'],
  ['raised', 'Banner raised on every page.'],
  ['lowered', 'Banner taken down.'],
  ['blocks', 'Section blocks saved.'],
])

/** A story chosen in a form: an article id, or a clear refusal naming the field. */
function articleIdOf(value: string, field = 'article'): string {
  if (!isId(value)) {
    throw new ValidationError('invalid_article', 'Choose a story from the list.', { field })
  }
  return value
}

/** "Until taken off" is an empty choice; anything else is a number of hours. */
const pinHoursOf = (form: FormValues): number | null => {
  const value = text(form, 'hours')
  return value === '' ? null : hoursOf(value, 'hours')
}

function storyId(request: FastifyRequest): string {
  const missing = { code: 'story_not_placed', message: 'There is no such story.' }
  return parseOrNotFound(storyParams, request.params, missing).id
}

function sectionSlug(request: FastifyRequest): string {
  const missing = { code: 'section_not_found', message: 'There is no such section.' }
  return parseOrNotFound(sectionParams, request.params, missing).slug
}

/** The front-page desk at /admin/front-page: editors and admins (the service decides). */
export async function frontPageRoutes(app: FastifyInstance, { services }: AdminDeps) {
  const { frontPage } = services

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    {
      problem,
      notice,
      bannerAttempt,
    }: { problem?: Problem; notice?: string | undefined; bannerAttempt?: BannerAttempt },
  ): Promise<FastifyReply> {
    const query = queryParam(request, 'q').trim().slice(0, HEADLINE_SEARCH_LIMIT)
    const arrangement = await frontPage.arrangement(actorFor(request), query)
    return reply.admin(
      <FrontPageDesk
        arrangement={arrangement}
        query={query}
        notice={notice}
        problem={problem}
        bannerAttempt={bannerAttempt}
      />,
      { title: 'Front page', area: 'front-page', status: problem?.status },
    )
  }

  /** Runs one change of the desk and comes back to the part that changed. */
  function change(
    request: FastifyRequest,
    reply: FastifyReply,
    run: (form: FormValues) => Promise<unknown>,
    done: string,
    anchor: string,
  ): Promise<FastifyReply> {
    const form = formOf(request)
    return handleForm(request, reply, {
      run: async () => {
        await run(form)
        return reply.redirect(`/admin/front-page?done=${done}#${anchor}`, 303)
      },
      render: (problem) => render(request, reply, { problem }),
    })
  }

  app.get('/front-page', async (request, reply) =>
    render(request, reply, { notice: NOTICES.get(queryParam(request, 'done')) }),
  )

  app.post('/front-page/stories', async (request, reply) =>
    change(
      request,
      reply,
      (form) =>
        frontPage.place(actorFor(request), articleIdOf(text(form, 'article_id')), pinHoursOf(form)),
      'placed',
      'arranged',
    ),
  )

  app.post('/front-page/stories/:id/move', async (request, reply) => {
    const articleId = storyId(request)
    return change(
      request,
      reply,
      (form) => {
        const to = text(form, 'direction') === 'lead' ? 'lead' : directionOf(form, 'A story')
        return frontPage.move(actorFor(request), articleId, to)
      },
      'moved',
      `placed-${articleId}`,
    )
  })

  app.post('/front-page/stories/:id/pin', async (request, reply) => {
    const articleId = storyId(request)
    return change(
      request,
      reply,
      (form) => frontPage.pin(actorFor(request), articleId, pinHoursOf(form)),
      'pinned',
      `placed-${articleId}`,
    )
  })

  app.post('/front-page/stories/:id/remove', async (request, reply) => {
    const articleId = storyId(request)
    return change(
      request,
      reply,
      () => frontPage.remove(actorFor(request), articleId),
      'removed',
      'arranged',
    )
  })

  // The page's script sends the whole order after a drag or the arrow keys.
  app.post('/front-page/order', async (request, reply) =>
    change(
      request,
      reply,
      (form) => {
        const ids = text(form, 'order').split(',').filter(Boolean)
        return frontPage.reorder(
          actorFor(request),
          ids.map((value) => articleIdOf(value, 'order')),
        )
      },
      'moved',
      'arranged',
    ),
  )

  app.post('/front-page/banner', async (request, reply) => {
    const form = formOf(request)
    const attempt = {
      text: text(form, 'text'),
      articleId: text(form, 'article_id'),
      hours: text(form, 'hours'),
    }
    return handleForm(request, reply, {
      run: async () => {
        await frontPage.raiseBanner(actorFor(request), {
          text: attempt.text,
          articleId: attempt.articleId === '' ? null : articleIdOf(attempt.articleId),
          hours: hoursOf(attempt.hours, 'hours'),
        })
        return reply.redirect('/admin/front-page?done=raised#banner-title', 303)
      },
      render: (problem) => render(request, reply, { problem, bannerAttempt: attempt }),
    })
  })

  app.post('/front-page/banner/lower', async (request, reply) =>
    change(
      request,
      reply,
      () => frontPage.lowerBanner(actorFor(request)),
      'lowered',
      'banner-title',
    ),
  )

  app.post('/front-page/sections/:slug/move', async (request, reply) => {
    const slug = sectionSlug(request)
    return change(
      request,
      reply,
      (form) => frontPage.moveSection(actorFor(request), slug, directionOf(form, 'A block')),
      'blocks',
      `block-${slug}`,
    )
  })

  app.post('/front-page/sections/:slug/show', async (request, reply) => {
    const slug = sectionSlug(request)
    return change(
      request,
      reply,
      (form) => {
        const shown = text(form, 'shown')
        if (shown !== 'yes' && shown !== 'no') {
          throw new ValidationError('invalid_shown', 'A block is shown or hidden.', {
            field: 'shown',
          })
        }
        return frontPage.showSection(actorFor(request), slug, shown === 'yes')
      },
      'blocks',
      `block-${slug}`,
    )
  })
}
