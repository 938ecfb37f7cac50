// What an article page keeps between renders (web/public/article-reads.tsx):
// with the page cache off, every GET renders, and each must show the article,
// its related coverage and its comments as they now are.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import type { Article } from '../../src/domain/articles/article.js'
import { startUncachedSite, type TestServer } from '../helpers/app.js'
import { postComment, setCommentSettings, staffActor, uniqueText } from '../helpers/comments.js'
import type { TestAppContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle, saveEdit } from '../helpers/factories.js'
import { pathOf, textOf } from './html.js'

const MINUTE = 60_000

/** The text of one part of the article page, as a reader sees it ('' when it is not there). */
async function partOf(server: TestServer, path: string, selector: string): Promise<string> {
  const { response, document } = await server.page(path)
  assert.equal(response.status, 200, `GET ${path}`)
  const part = document.querySelector(selector)
  return part ? textOf(part) : ''
}

/** A story whose headline and standfirst share no words with the others: related by tags alone. */
async function tagged(
  ctx: TestAppContext,
  headline: string,
  tags: string[],
  { standfirst = '', sectionSlug = 'news' }: { standfirst?: string; sectionSlug?: string } = {},
): Promise<Article> {
  ctx.clock.advance(MINUTE)
  const { article } = await importArticle(ctx, { headline, standfirst }, { sectionSlug, tags })
  return article
}

for (const dialect of testDialects()) {
  describe(`article page reads kept between renders (${dialect})`, () => {
    test('the comments follow every change of the thread and of the comment settings', async (t) => {
      const { ctx, server } = await startUncachedSite(t, dialect)
      const { article } = await importArticle(ctx)
      const path = pathOf(article)
      assert.match(await partOf(server, path, '#comments'), /No comments yet/)

      const text = uniqueText('Keep the night ferry')
      const comment = await postComment(ctx, { articleId: article.id, body: text })
      assert.ok(!(await partOf(server, path, '#comments')).includes(text), 'held: not shown')
      await ctx.services.comments.moderate(COMMAND_LINE, [comment.id], 'approve')
      const approved = await partOf(server, path, '#comments')
      assert.ok(approved.includes(text), 'approved: shown')
      assert.match(approved, /Comments \(1\)/)
      assert.match(approved, /Reply/)

      await setCommentSettings(ctx, { mode: 'closed' })
      const closed = await server.page(path)
      assert.ok(textOf(closed.document).includes('Comments are closed'))
      assert.equal(closed.document.querySelector('.comment-reply'), null, 'no replies offered')
      assert.ok(textOf(closed.document).includes(text), 'the comment is still shown')

      await ctx.services.comments.moderate(COMMAND_LINE, [comment.id], 'reject')
      const removed = await partOf(server, path, '#comments')
      assert.ok(!removed.includes(text), 'taken down: gone')
      assert.match(removed, /Comments \(0\)/)
    })

    test('related coverage follows articles published, unpublished and retagged', async (t) => {
      const { ctx, server } = await startUncachedSite(t, dialect)
      const editor = await staffActor(ctx, 'editor')
      const article = await tagged(ctx, 'Night ferry timetable agreed', ['Ferries', 'Harbour'])
      const path = pathOf(article)
      const related = () => partOf(server, path, '.related-coverage')
      assert.equal(await related(), '', 'nothing related yet')

      const other = await tagged(ctx, 'Crews vote on a new rota', ['Ferries'], {
        standfirst: 'Union members decide on Thursday.',
        sectionSlug: 'sport',
      })
      assert.ok((await related()).includes(other.headline), 'a new related story is listed')

      await saveEdit(ctx, editor, other.id, { tags: ['Elections'] })
      assert.ok(!(await related()).includes(other.headline), 'retagged away: no longer listed')

      await saveEdit(ctx, editor, other.id, { tags: ['Ferries'] })
      assert.ok((await related()).includes(other.headline), 'retagged back: listed')
      await ctx.services.workflow.transition(editor, other.id, { transition: 'unpublish' })
      assert.ok(!(await related()).includes(other.headline), 'unpublished: gone')
    })

    test('the article itself follows an edit, and an unpublished one is a 404', async (t) => {
      const { ctx, server } = await startUncachedSite(t, dialect)
      const editor = await staffActor(ctx, 'editor')
      const article = await tagged(ctx, 'Harbour wall to be raised', ['Harbour'])
      const path = pathOf(article)
      assert.ok((await partOf(server, path, 'h1')).includes('Harbour wall to be raised'))
      await saveEdit(ctx, editor, article.id, { headline: 'Harbour wall to be raised by a metre' })
      assert.equal(await partOf(server, path, 'h1'), 'Harbour wall to be raised by a metre')
      await ctx.services.workflow.transition(editor, article.id, { transition: 'unpublish' })
      assert.equal((await server.get(path)).status, 404)
    })

    test('another article edited: this one and its comments are not read again, its lists are', async (t) => {
      const { ctx, server, statements } = await startUncachedSite(t, dialect)
      const editor = await staffActor(ctx, 'editor')
      const reading = await tagged(ctx, 'Lighthouse keeper retires', ['Lighthouses'])
      const other = await tagged(ctx, 'Lighthouse lamp restored', ['Lighthouses'])
      const comment = await postComment(ctx, { articleId: reading.id })
      await ctx.services.comments.moderate(COMMAND_LINE, [comment.id], 'approve')
      const path = pathOf(reading)
      statements.length = 0
      await (await server.get(path)).text()
      // What the checks below look for, as the first render reads it.
      assert.match(statements.join('\n'), /"article_renders"/)
      assert.match(statements.join('\n'), /"comments"/)
      // What an article page reads is kept from its second read on.
      await (await server.get(path)).text()
      await saveEdit(ctx, editor, other.id, {
        headline: 'Lighthouse lamp restored to its 1890 glass',
      })
      statements.length = 0
      const { document } = await server.page(path)
      assert.ok(textOf(document).includes('Lighthouse lamp restored to its 1890 glass'))
      assert.ok(textOf(document).includes(comment.body))
      const read = statements.join('\n')
      assert.ok(statements.length > 0, 'the lists around it are read again')
      assert.doesNotMatch(read, /"comments"/, 'its comments are not read again')
      assert.doesNotMatch(read, /"article_renders"/, 'nor the article itself')
      // The edited article itself is read again, under its own address.
      assert.equal(
        await partOf(server, pathOf(other), 'h1'),
        'Lighthouse lamp restored to its 1890 glass',
      )
    })

    test("a page kept as HTML gets each request its own form token; a reader's reply page is its own", async (t) => {
      const { ctx, server } = await startUncachedSite(t, dialect)
      const article = await tagged(ctx, 'Ferry timetable changes in spring', ['Ferries'])
      const comment = await postComment(ctx, { articleId: article.id })
      await ctx.services.comments.moderate(COMMAND_LINE, [comment.id], 'approve')
      const path = pathOf(article)
      const tokenOf = async (url: string) => {
        const response = await server.get(url)
        assert.equal(response.status, 200)
        const html = await response.text()
        assert.doesNotMatch(html, /form-token-/, 'no hole is left in the page')
        // Sent as the kept pieces and the token between them: the length announced is the whole.
        assert.equal(response.headers.get('content-length'), String(Buffer.byteLength(html)))
        return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? ''
      }
      const first = await tokenOf(path)
      const head = await server.get(path, { method: 'HEAD' })
      assert.equal(head.status, 200)
      assert.equal(
        head.headers.get('content-length'),
        (await server.get(path)).headers.get('content-length'),
      )
      assert.equal(await head.text(), '')
      ctx.clock.advance(MINUTE)
      const second = await tokenOf(path)
      assert.notEqual(first, second, "a token of its own time, not the first page's")
      assert.equal(second, await ctx.services.comments.formToken(article.id))
      // A reply page shows the comment replied to: rendered for it, and the plain page is unchanged.
      const { document: replyPage } = await server.page(`${path}?reply=${comment.id}`)
      assert.ok(textOf(replyPage).includes(comment.body))
      assert.equal(await tokenOf(path), second)
    })

    test('comments are read in one statement, and their replies in one more only when there are some', async (t) => {
      const { ctx, server, statements } = await startUncachedSite(t, dialect)
      const article = await tagged(ctx, 'Ferry crews to strike', ['Ferries'])
      const path = pathOf(article)
      /** The statements that read comments for one render of the page, and what it shows. */
      const commentReads = async () => {
        statements.length = 0
        const shown = await partOf(server, path, '#comments')
        return { shown, reads: statements.filter((sql) => /"comments"/.test(sql)).length }
      }
      // Kept from the second read on: the third reads nothing.
      await commentReads()
      assert.equal((await commentReads()).reads, 1, 'read once: not kept yet')
      assert.equal((await commentReads()).reads, 0, 'kept: not read again')
      // Nothing kept for a thread that changed: its counts and first page in one statement.
      await ctx.changes.announce({ scope: 'comments', articleId: article.id })
      const none = await commentReads()
      assert.match(none.shown, /Comments \(0\)/)
      assert.equal(none.reads, 1, 'an article without comments')

      const first = await postComment(ctx, { articleId: article.id })
      const second = await postComment(ctx, { articleId: article.id })
      await ctx.services.comments.moderate(COMMAND_LINE, [first.id, second.id], 'approve')
      const two = await commentReads()
      assert.ok(two.shown.includes(first.body) && two.shown.includes(second.body))
      assert.equal(two.reads, 1, 'comments without replies')

      // A held reply is read (its status is checked as replies are), never shown.
      const held = await postComment(ctx, { articleId: article.id, parentId: first.id })
      await ctx.changes.announce({ scope: 'comments', articleId: article.id })
      const withHeld = await commentReads()
      assert.ok(!withHeld.shown.includes(held.body))
      assert.match(withHeld.shown, /Comments \(2\)/)
      assert.equal(withHeld.reads, 2, 'a comment with a reply of any status')

      await ctx.services.comments.moderate(COMMAND_LINE, [held.id], 'approve')
      const replied = await commentReads()
      assert.ok(replied.shown.includes(held.body))
      assert.match(replied.shown, /Comments \(3\)/)
      assert.equal(replied.reads, 2)
    })

    test('rendered again with nothing changed, the page asks the database nothing', async (t) => {
      const { ctx, server, queries } = await startUncachedSite(t, dialect)
      const article = await tagged(ctx, 'Ferry fares frozen', ['Ferries'])
      await tagged(ctx, 'Ferry fares frozen for pensioners', ['Ferries'])
      const comment = await postComment(ctx, { articleId: article.id })
      await ctx.services.comments.moderate(COMMAND_LINE, [comment.id], 'approve')
      const path = pathOf(article)
      // What the page reads is kept from its second render on.
      for (let render = 0; render < 2; render++) await (await server.get(path)).text()
      const before = queries()
      const again = await server.get(path)
      assert.equal(again.status, 200)
      assert.ok((await again.text()).includes(comment.body))
      assert.equal(queries() - before, 0)
    })
  })
}
