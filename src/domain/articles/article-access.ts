// Who may see, change and move an article, as the newsroom's use cases ask it.
// The grants themselves are in access/policy.ts and workflow.ts.
import { can, canEditArticle, canViewArticle, type Actor } from '../access/policy.js'
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js'
import type { Stores } from '../unit-of-work.js'
import type { Article } from './article.js'
import { availableTransitions, type Transition } from './workflow.js'

/** An article the actor may see, else NotFoundError: other people's drafts do not exist for them. */
export async function visibleArticle(stores: Stores, actor: Actor, id: string): Promise<Article> {
  const article = await stores.articles.findById(id)
  if (!article || !canViewArticle(actor, article)) {
    throw new NotFoundError('article_not_found', 'There is no such article.')
  }
  return article
}

/** ForbiddenError, saying why, unless the actor may change the article's fields. */
export function assertEditable(actor: Actor, article: Article): void {
  if (canEditArticle(actor, article)) return
  throw new ForbiddenError(
    'not_editable',
    article.status === 'draft'
      ? 'Only its author or an editor can change this draft.'
      : `Contributors can change their drafts only; this article is ${article.status.replace('_', ' ')}.`,
  )
}

/**
 * The editor's script saves as the writer types, but never a published
 * article: a change readers see goes out only when someone saves it by hand.
 */
export function isAutosaved(article: Pick<Article, 'status'>): boolean {
  return article.status !== 'published'
}

export function assertAutosaved(article: Article): void {
  if (!isAutosaved(article)) {
    throw new ConflictError('published_not_autosaved', 'Published articles are saved by hand only.')
  }
}

/** What the editor offers this actor on this article (or on a new one). */
export interface EditorRights {
  /** The workflow moves open now, one button each. */
  transitions: Transition[]
  /** Whether the fields may be changed and saved. */
  canEdit: boolean
  canDelete: boolean
  /** Whether the editor's script saves as the writer types. */
  autosave: boolean
}

/** Whether readers can see the article, or will without anyone acting: then it cannot be deleted. */
export function isPublic(article: Pick<Article, 'status'>): boolean {
  return article.status === 'published' || article.status === 'scheduled'
}

export function editorRights(actor: Actor, article: Article | undefined): EditorRights {
  if (!article) return { transitions: ['submit'], canEdit: true, canDelete: false, autosave: false }
  const canEdit = canEditArticle(actor, article)
  return {
    transitions: availableTransitions(actor, article),
    canEdit,
    canDelete: can(actor, 'articles:delete') && !isPublic(article),
    autosave: canEdit && isAutosaved(article),
  }
}
