// Two editors open the same version of a draft and save at the same moment,
// `rounds` times: every round must end with exactly one save and one 409.
import { editorForm } from '../../test/web/admin-session.js'
import type { Seeded } from '../seed.js'
import type { Site } from '../site.js'
import { importArticle } from '../../test/helpers/factories.js'
import { AdminClient, createStaff } from '../../test/web/admin-session.js'

export interface RaceFigure {
  rounds: number
  /** Rounds that ended with exactly one 303 and one 409. */
  exactlyOneConflict: number
  /** Statuses of the rounds that did not. */
  others: string[]
}

export async function editorRaces(
  site: Site,
  seeded: Seeded,
  { rounds }: { rounds: number },
): Promise<RaceFigure> {
  const second = await createStaff(site.ctx, 'editor')
  const other = new AdminClient(site.url)
  // Through the form, as seed.ts does: a session written with the seeding clock would be idle already.
  await other.signInAs(second)
  const editors = [seeded.editor.client, other]
  let exactlyOneConflict = 0
  const others: string[] = []
  for (let round = 0; round < rounds; round++) {
    const { article } = await importArticle(site.ctx, {}, { draft: true })
    const path = `/admin/articles/${article.id}`
    const pages = await Promise.all(editors.map((editor) => editor.get(path)))
    const saves = await Promise.all(
      editors.map((editor, index) =>
        editor.submit(editorForm(pages[index]!), {
          body: `Editor ${index + 1} rewrote this in round ${round}.`,
          intent: 'save',
        }),
      ),
    )
    const statuses = saves.map((save) => save.status).sort()
    if (statuses.join(',') === '303,409') exactlyOneConflict++
    else others.push(statuses.join(','))
  }
  return { rounds, exactlyOneConflict, others: others.slice(0, 5) }
}
