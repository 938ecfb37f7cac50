import { STATUS_LABELS, isArticleStatus } from '../../../domain/articles/article.js'
import { REVISION_FIELD_LABELS, type RevisionFields } from '../../../domain/articles/revision.js'
import {
  collapseUnchanged,
  diffLists,
  diffParagraphs,
  diffText,
  type DiffPart,
  type DisplayBlock,
} from '../../../text/diff.js'
import { canonicalMarkdown } from '../../../text/rich-text/story-markdown.js'

type FieldName = keyof RevisionFields

/** The order an editor reads a story in: what readers see first comes first. */
const FIELD_ORDER: readonly FieldName[] = [
  'headline',
  'standfirst',
  'dateline',
  'bylines',
  'body',
  'keyPoints',
  'section',
  'tags',
  'slug',
  'metaTitle',
  'metaDescription',
  'socialTitle',
  'socialDescription',
  'socialImage',
  'status',
]

function Parts({ parts }: { parts: readonly DiffPart[] }) {
  return (
    <>
      {parts.map((part, index) =>
        part.kind === 'added' ? (
          <ins key={index}>{part.text}</ins>
        ) : part.kind === 'removed' ? (
          <del key={index}>{part.text}</del>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  )
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`

/** One paragraph or list item of a diff, as a <p> or an <li>. */
function Block({ block, as: Tag, noun }: { block: DisplayBlock; as: 'p' | 'li'; noun: string }) {
  switch (block.kind) {
    case 'changed':
      return (
        <Tag class="diff-changed">
          <Parts parts={block.parts} />
        </Tag>
      )
    case 'same':
      return <Tag class="diff-same">{block.text}</Tag>
    case 'added':
      return (
        <Tag class="diff-added">
          <ins>{block.text}</ins>
        </Tag>
      )
    case 'removed':
      return (
        <Tag class="diff-removed">
          <del>{block.text}</del>
        </Tag>
      )
    case 'unchanged': {
      const summary = <summary>… {plural(block.texts.length, `unchanged ${noun}`)} …</summary>
      const texts = block.texts.map((text, index) => (
        <p key={index} class="diff-same">
          {text}
        </p>
      ))
      return Tag === 'li' ? (
        <li class="diff-unchanged">
          <details>
            {summary}
            {texts}
          </details>
        </li>
      ) : (
        <details class="diff-unchanged">
          {summary}
          {texts}
        </details>
      )
    }
  }
}

/**
 * A body's paragraphs: the changed ones with their words marked, long unchanged
 * stretches folded away. Both sides are compared as the rich-text editor writes
 * Markdown, so that a body's first edit in the editor shows the writer's change,
 * not every list marker and emphasis the editor wrote its own way.
 */
function BodyDiff({ before, after }: { before: string; after: string }) {
  const [from, to] = [canonicalMarkdown(before), canonicalMarkdown(after)]
  if (from === to) {
    return (
      <p class="empty">
        Only the Markdown was written differently (as the editor writes it): readers see no
        difference.
      </p>
    )
  }
  return (
    <div class="body-diff">
      {collapseUnchanged(diffParagraphs(from, to)).map((block, index) => (
        <Block key={index} block={block} as="p" noun="paragraph" />
      ))}
    </div>
  )
}

/** Key points, bylines or tags, item by item. */
function ListDiff({
  before,
  after,
  inline,
}: {
  before: readonly string[]
  after: readonly string[]
  inline: boolean
}) {
  return (
    <ul class={inline ? 'list-diff inline' : 'list-diff'}>
      {diffLists(before, after).map((block, index) => (
        <Block key={index} block={block} as="li" noun="item" />
      ))}
    </ul>
  )
}

function asList(value: RevisionFields[FieldName] | undefined): string[] {
  return Array.isArray(value) ? value : value ? [value] : []
}

function asText(field: FieldName, value: RevisionFields[FieldName] | undefined): string {
  if (Array.isArray(value)) return value.join(', ')
  const text = value ?? ''
  return field === 'status' && isArticleStatus(text) ? STATUS_LABELS[text] : text
}

/** The fields that differ between two versions, in reading order. */
export function changedFields(before: RevisionFields, after: RevisionFields): FieldName[] {
  return FIELD_ORDER.filter(
    (field) => JSON.stringify(before[field] ?? '') !== JSON.stringify(after[field] ?? ''),
  )
}

function FieldDiff({
  field,
  before,
  after,
}: {
  field: FieldName
  before: RevisionFields
  after: RevisionFields
}) {
  if (field === 'body') return <BodyDiff before={before.body ?? ''} after={after.body ?? ''} />
  if (field === 'keyPoints' || field === 'bylines' || field === 'tags') {
    return (
      <ListDiff
        before={asList(before[field])}
        after={asList(after[field])}
        inline={field !== 'keyPoints'}
      />
    )
  }
  return <Parts parts={diffText(asText(field, before[field]), asText(field, after[field]))} />
}

/**
 * Every field that differs between two versions, the changes marked: inserted
 * text in <ins>, removed text in <del>, so the markup itself says what changed.
 * Unchanged fields are left out; in the body, unchanged paragraphs are muted
 * and long runs of them folded into a "… N unchanged paragraphs …" marker.
 */
export function FieldDiffs({ before, after }: { before: RevisionFields; after: RevisionFields }) {
  const fields = changedFields(before, after)
  if (fields.length === 0) return <p class="empty">No differences.</p>
  return (
    <dl class="diff">
      {fields.map((field) => (
        <div key={field} class={`diff-field diff-field-${field}`}>
          <dt>{REVISION_FIELD_LABELS[field]}</dt>
          <dd>
            <FieldDiff field={field} before={before} after={after} />
          </dd>
        </div>
      ))}
    </dl>
  )
}
