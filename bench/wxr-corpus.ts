// A WordPress export of the size the import targets name, written as a
// stream: posts in classic and block form with captions, embeds and comments
// (approved, pending, spam, replies), spread over categories, tags and authors.
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'

const AUTHORS = ['ana', 'ben', 'chidi', 'dana', 'eero', 'fatima', 'gus', 'hana']
const CATEGORIES = ['Politics', 'Business', 'Local News', 'Sport', 'Culture', 'Science']
const WORDS =
  'council harbour vote budget tram bridge market school river station housing election court hospital'.split(
    ' ',
  )

function sentence(n: number): string {
  const words = Array.from({ length: 14 }, (_, i) => WORDS[(n * 7 + i * 3) % WORDS.length])
  return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`
}

function content(n: number): string {
  const paragraphs = Array.from(
    { length: 8 },
    (_, i) => `${sentence(n + i)} ${sentence(n + i + 1)}`,
  )
  if (n % 2 === 0) {
    return `${paragraphs.join('\n\n')}\n\n[embed]https://www.youtube.com/watch?v=abc${n}[/embed]`
  }
  return paragraphs
    .map((p) => `<!-- wp:paragraph -->\n<p>${p}</p>\n<!-- /wp:paragraph -->`)
    .join('\n\n')
}

function comment(post: number, id: number, parent: number, approved: string): string {
  return `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author><![CDATA[Reader ${id}]]></wp:comment_author>
<wp:comment_date_gmt>2020-01-01 12:00:00</wp:comment_date_gmt><wp:comment_content><![CDATA[Comment ${id} on ${post}: ${sentence(id)}]]></wp:comment_content>
<wp:comment_approved><![CDATA[${approved}]]></wp:comment_approved><wp:comment_type><![CDATA[comment]]></wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent></wp:comment>`
}

function item(n: number, commentsPerPost: number): string {
  const category = CATEGORIES[n % CATEGORIES.length] ?? 'News'
  const day = String((n % 28) + 1).padStart(2, '0')
  const comments = Array.from({ length: commentsPerPost }, (_, i) => {
    const id = n * commentsPerPost + i + 1
    return comment(n, id, i === 1 ? id - 1 : 0, i === 0 ? '1' : i === 1 ? '1' : '0')
  })
  return `<item><title><![CDATA[Story ${n}: ${sentence(n).slice(0, 60)}]]></title>
<link>https://old.example/2020/01/story-${n}/</link><dc:creator><![CDATA[${AUTHORS[n % AUTHORS.length]}]]></dc:creator>
<content:encoded><![CDATA[${content(n)}]]></content:encoded><excerpt:encoded><![CDATA[${sentence(n + 3)}]]></excerpt:encoded>
<wp:post_id>${n}</wp:post_id><wp:post_date_gmt>2020-01-${day} 10:00:00</wp:post_date_gmt><wp:post_name><![CDATA[story-${n}]]></wp:post_name>
<wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type>
<category domain="category" nicename="${category.toLowerCase().replace(' ', '-')}"><![CDATA[${category}]]></category>
<category domain="post_tag" nicename="tag-${n % 50}"><![CDATA[tag ${n % 50}]]></category>
${comments.join('\n')}</item>\n`
}

/** Writes `posts` posts with `comments` comments in all to `file`. */
export async function writeWxrCorpus(file: string, posts: number, comments: number): Promise<void> {
  const out = createWriteStream(file)
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain')
  }
  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Old Site</title><link>https://old.example</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://old.example</wp:base_site_url>
${AUTHORS.map((login) => `<wp:author><wp:author_login><![CDATA[${login}]]></wp:author_login><wp:author_display_name><![CDATA[${login.replace(/^./, (c) => c.toUpperCase())} Writer]]></wp:author_display_name></wp:author>`).join('\n')}
`)
  const perPost = Math.round(comments / posts)
  for (let n = 1; n <= posts; n++) await write(item(n, perPost))
  await write('</channel></rss>\n')
  out.end()
  await once(out, 'finish')
}
