import { sql, type Kysely } from 'kysely'
import type { DialectName } from '../dialect.js'

// Frozen in time: this file never imports the app's schema or code.
// An article page's story (what is drawn from the article, its authors,
// section, tags and pictures) is rendered when the article changes and kept
// in `article_renders`, so a first read of an old article is one indexed
// read instead of its heaviest statement, its Markdown and most of its view.
//
// Whether a kept story is still true is decided by the database, not by the
// processes that wrote it: triggers move a generation in `render_generations`
// with every write to what a story shows, in the writer's own transaction.
// The scope '' is the whole site (a section, author or tag renamed, a setting
// changed); any other scope is one article (it, its bylines, tags,
// corrections or pictures changed). A kept story carries the two generations
// read before it was rendered, and is used only while both are current: one
// rendered from an older state, however late it is written, is never shown.

const ARTICLE_IMAGE_KINDS = "('article_lead', 'article_inline', 'article_social')"
/** A counter of the redirects' own cache, not something a story shows. */
const REDIRECTS_REVISION = "'redirects.revision'"

/** Tables whose rows belong to one article, and the column naming it. */
const PER_ARTICLE: [table: string, column: string][] = [
  ['articles', 'id'],
  ['article_authors', 'article_id'],
  ['article_tags', 'article_id'],
  ['corrections', 'article_id'],
]
/** Tables whose changes every story may show: moved for the whole site. */
const SITE_WIDE = ['sections', 'authors', 'tags', 'site_settings']

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's schema type
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('render_generations')
    .addColumn('scope', 'text', (col) => col.primaryKey())
    .addColumn('generation', 'integer', (col) => col.notNull())
    .modifyEnd(dialect === 'sqlite' ? sql`without rowid` : sql``)
    .execute()
  await db.schema
    .createTable('article_renders')
    // No foreign key: a story rendered just before its article was deleted may be written
    // after it, and is then never read (pages read it through the article); a trigger
    // removes the rest with the article.
    .addColumn('article_id', 'text', (col) => col.primaryKey())
    .addColumn('generation', 'integer', (col) => col.notNull())
    .addColumn('site_generation', 'integer', (col) => col.notNull())
    // What rendered it: the code and the site's settings (see web/public/story-parts.tsx).
    .addColumn('stamp', 'text', (col) => col.notNull())
    .addColumn('meta', 'text', (col) => col.notNull())
    .addColumn('top', 'text', (col) => col.notNull())
    .addColumn('footer', 'text', (col) => col.notNull())
    .execute()
  if (dialect === 'sqlite') await sqliteTriggers(db)
  else await postgresTriggers(db)
}

/** A deleted article's kept story and generation go with it. */
const FORGET_ARTICLE = (id: string) => `
  delete from article_renders where article_id = ${id};
  delete from render_generations where scope = ${id}`

const bump = (scope: string) => `
  insert into render_generations (scope, generation) values (${scope}, 1)
  on conflict (scope) do update set generation = render_generations.generation + 1`

/** The articles showing a picture, each moved; the whole site when anything else shows it. */
const bumpUsersOf = (media: string) => `
  insert into render_generations (scope, generation)
    select distinct owner_id, 1 from media_usages
    where media_id = ${media} and kind in ${ARTICLE_IMAGE_KINDS}
  on conflict (scope) do update set generation = render_generations.generation + 1;
  insert into render_generations (scope, generation)
    select '', 1 where exists (
      select 1 from media_usages where media_id = ${media} and kind not in ${ARTICLE_IMAGE_KINDS})
  on conflict (scope) do update set generation = render_generations.generation + 1`

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as up()
async function sqliteTriggers(db: Kysely<any>): Promise<void> {
  const trigger = async (name: string, event: string, table: string, body: string, when = '') =>
    sql
      .raw(
        `create trigger ${name} after ${event} on ${table} ${when ? `when ${when}` : ''}
        begin ${body}; end`,
      )
      .execute(db)
  for (const [table, column] of PER_ARTICLE) {
    await trigger(`${table}_render_insert`, 'insert', table, bump(`new.${column}`))
    await trigger(`${table}_render_update`, 'update', table, bump(`new.${column}`))
    if (table === 'articles') continue
    await trigger(`${table}_render_delete`, 'delete', table, bump(`old.${column}`))
  }
  await trigger('articles_render_delete', 'delete', 'articles', FORGET_ARTICLE('old.id'))
  const articleImage = (row: string) => `${row}.kind in ${ARTICLE_IMAGE_KINDS}`
  await trigger(
    'media_usages_render_insert',
    'insert',
    'media_usages',
    bump('new.owner_id'),
    articleImage('new'),
  )
  await trigger(
    'media_usages_render_delete',
    'delete',
    'media_usages',
    bump('old.owner_id'),
    articleImage('old'),
  )
  await trigger(
    'media_usages_render_update',
    'update',
    'media_usages',
    `${bump('old.owner_id')}; ${bump('new.owner_id')}`,
  )
  for (const table of SITE_WIDE) {
    const unlessRedirects = (row: string) =>
      table === 'site_settings' ? `${row}.key <> ${REDIRECTS_REVISION}` : ''
    await trigger(`${table}_render_update`, 'update', table, bump("''"), unlessRedirects('new'))
    await trigger(`${table}_render_delete`, 'delete', table, bump("''"), unlessRedirects('old'))
    if (table === 'site_settings') {
      await trigger(`${table}_render_insert`, 'insert', table, bump("''"), unlessRedirects('new'))
    }
  }
  await trigger('media_items_render_update', 'update', 'media_items', bumpUsersOf('new.id'))
  await trigger('media_items_render_delete', 'delete', 'media_items', bumpUsersOf('old.id'))
  for (const [event, row] of [
    ['insert', 'new'],
    ['update', 'new'],
    ['delete', 'old'],
  ] as const) {
    await trigger(
      `media_renditions_render_${event}`,
      event,
      'media_renditions',
      bumpUsersOf(`${row}.media_id`),
    )
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as up()
async function postgresTriggers(db: Kysely<any>): Promise<void> {
  // One function for rows of one article: TG_ARGV[0] names the column holding its id.
  await sql`
    create function render_bump_article() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then
        ${sql.raw(bump(`to_jsonb(old) ->> tg_argv[0]`))};
      end if;
      if tg_op <> 'DELETE' then
        ${sql.raw(bump(`to_jsonb(new) ->> tg_argv[0]`))};
      end if;
      return null;
    end $$`.execute(db)
  await sql`
    create function render_bump_image_owner() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' and old.kind in ${sql.raw(ARTICLE_IMAGE_KINDS)} then
        ${sql.raw(bump('old.owner_id'))};
      end if;
      if tg_op <> 'DELETE' and new.kind in ${sql.raw(ARTICLE_IMAGE_KINDS)} then
        ${sql.raw(bump('new.owner_id'))};
      end if;
      return null;
    end $$`.execute(db)
  await sql`
    create function render_bump_site() returns trigger language plpgsql as $$
    begin
      if coalesce(to_jsonb(new), to_jsonb(old)) ->> 'key' = ${sql.raw(REDIRECTS_REVISION)} then
        return null;
      end if;
      ${sql.raw(bump("''"))};
      return null;
    end $$`.execute(db)
  // TG_ARGV[0] names the column holding the media item's id.
  await sql`
    create function render_bump_image() returns trigger language plpgsql as $$
    declare
      media text := coalesce(to_jsonb(new), to_jsonb(old)) ->> tg_argv[0];
    begin
      ${sql.raw(bumpUsersOf('media'))};
      return null;
    end $$`.execute(db)
  const trigger = (name: string, events: string, table: string, call: string) =>
    sql
      .raw(
        `create trigger ${name} after ${events} on ${table} for each row execute function ${call}`,
      )
      .execute(db)
  for (const [table, column] of PER_ARTICLE) {
    await trigger(
      `${table}_render`,
      table === 'articles' ? 'insert or update' : 'insert or update or delete',
      table,
      `render_bump_article('${column}')`,
    )
  }
  await sql`
    create function render_forget_article() returns trigger language plpgsql as $$
    begin
      ${sql.raw(FORGET_ARTICLE('old.id'))};
      return null;
    end $$`.execute(db)
  await trigger('articles_render_delete', 'delete', 'articles', 'render_forget_article()')
  await trigger(
    'media_usages_render',
    'insert or update or delete',
    'media_usages',
    'render_bump_image_owner()',
  )
  for (const table of SITE_WIDE) {
    const events = table === 'site_settings' ? 'insert or update or delete' : 'update or delete'
    await trigger(`${table}_render`, events, table, 'render_bump_site()')
  }
  await trigger('media_items_render', 'update or delete', 'media_items', `render_bump_image('id')`)
  await trigger(
    'media_renditions_render',
    'insert or update or delete',
    'media_renditions',
    `render_bump_image('media_id')`,
  )
}
