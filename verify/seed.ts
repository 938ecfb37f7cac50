// What every check needs on the site: a published story with an approved
// comment, a draft, and an editor and an admin signed in through the sign-in form.
import { COMMAND_LINE } from '../src/domain/access/policy.js'
import type { Article } from '../src/domain/articles/article.js'
import type { Comment } from '../src/domain/comments/comment.js'
import { importArticle } from '../test/helpers/factories.js'
import { AdminClient, createStaff, type Staff } from '../test/web/admin-session.js'
import { pathOf } from '../test/web/html.js'
import type { Site } from './site.js'

export interface Seeded {
  article: Article
  /** The article's public path: /YYYY/MM/DD/slug. */
  path: string
  comment: Comment
  draft: Article
  editor: Staff & { client: AdminClient }
  admin: Staff & { client: AdminClient }
}

async function signedIn(
  site: Site,
  role: 'editor' | 'admin',
): Promise<Staff & { client: AdminClient }> {
  const staff = await createStaff(site.ctx, role)
  const client = new AdminClient(site.url)
  // Through the sign-in form: the server keeps real time, and the seeding context's
  // clock is set back an hour (for comment form tokens), which would make a session
  // it wrote by hand idle from the start.
  await client.signInAs(staff)
  return { ...staff, client }
}

export async function seed(site: Site): Promise<Seeded> {
  const { article } = await importArticle(site.ctx, {}, { tags: ['Harbour'] })
  const { article: draft } = await importArticle(site.ctx, {}, { draft: true })
  const comment = await site.ctx.services.comments.addDirectly(COMMAND_LINE, {
    articleId: article.id,
    parentId: null,
    name: 'Astrid',
    body: 'A first comment to reply to.',
    status: 'approved',
    createdAt: site.ctx.clock.now(),
  })
  return {
    article,
    path: pathOf(article),
    comment,
    draft,
    editor: await signedIn(site, 'editor'),
    admin: await signedIn(site, 'admin'),
  }
}
