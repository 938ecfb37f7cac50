// The registry of `dateline import`: which reader an input goes to, from its
// first bytes (a WordPress export's rss/channel with the wp namespace, a
// Ghost export's db[0] or meta/data shape), and the names --format takes.
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { formatNames, readerNamed } from '../../src/cli/import/formats.js'
import { resolveInputs } from '../../src/cli/import/import-inputs.js'
import { looksLikeGhostExport, looksLikeWxr } from '../../src/cli/import/site-export-readers.js'
import { tempDir } from './cli.js'

const FIXTURES = join(import.meta.dirname, '../fixtures')
const head = (file: string) => readFileSync(join(FIXTURES, file), 'utf8').slice(0, 4096)
const WXR_ROOT =
  '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.0/" xmlns:content="http://purl.org/rss/1.0/modules/content/">'

describe('recognising exports by their content', () => {
  test('WordPress: the rss root with the wp namespace, then its channel', () => {
    assert.equal(looksLikeWxr(head('wordpress/export.xml')), true)
    assert.equal(looksLikeWxr(`${WXR_ROOT}\n<channel><title>Old</title>`), true)
    assert.equal(looksLikeWxr(`<?xml version="1.0"?>\n<!-- a note -->\n${WXR_ROOT}<channel>`), true)
    // Another platform's RSS, an Atom feed, the namespace only in the text, a feed without a channel.
    assert.equal(looksLikeWxr('<?xml version="1.0"?><rss version="2.0"><channel>'), false)
    assert.equal(looksLikeWxr('<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>'), false)
    assert.equal(looksLikeWxr('<html><p>xmlns:wp="http://wordpress.org/export/1.2/"</p>'), false)
    assert.equal(looksLikeWxr(`${WXR_ROOT}<item>`), false)
  })

  test('Ghost: {"db": [{meta, data}]}, or a bare {meta, data} with its export time', () => {
    assert.equal(looksLikeGhostExport(head('ghost/export.json')), true)
    assert.equal(looksLikeGhostExport('{"db":[{"data":{"posts":[]}'), true)
    assert.equal(looksLikeGhostExport('{ "meta": { "exported_on": 1, "version": "5.0.0" }'), true)
    assert.equal(looksLikeGhostExport('{"meta": {"title": "a page"}, "data": {}}'), false)
    assert.equal(looksLikeGhostExport('{"posts": [{"title": "x"}]}'), false)
    assert.equal(looksLikeGhostExport('[{"db": []}]'), false)
  })

  test('--format names: text, wordpress (also wxr), ghost', () => {
    assert.deepEqual(formatNames(), ['text', 'wordpress', 'ghost'])
    assert.equal(readerNamed('wxr'), readerNamed('wordpress'))
    assert.equal(readerNamed('blogger'), undefined)
  })

  test('a folder is searched: each export and text file goes to its reader, other files are left', async (t) => {
    const dir = tempDir(t)
    writeFileSync(join(dir, 'a-site.xml'), readFileSync(join(FIXTURES, 'wordpress/export.xml')))
    writeFileSync(join(dir, 'b-blog.json'), readFileSync(join(FIXTURES, 'ghost/export.json')))
    writeFileSync(join(dir, 'c-story.txt'), 'Headline\n\nLONDON - Text.\n')
    writeFileSync(join(dir, 'd-other.json'), '{"posts": []}')
    const found: string[] = []
    for await (const input of resolveInputs([dir], undefined)) {
      found.push(
        'problem' in input
          ? input.problem
          : `${input.input.path.slice(dir.length + 1)} ${input.reader.name}`,
      )
    }
    assert.deepEqual(found, ['a-site.xml wordpress', 'b-blog.json ghost', 'c-story.txt text'])
  })
})
