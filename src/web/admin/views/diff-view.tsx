import { REVISION_FIELD_LABELS, type RevisionFields } from '../../../domain/articles/revision.js'
import { diffParagraphs, diffText, type DiffPart } from '../../../text/diff.js'

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

function BodyDiff({ before, after }: { before: string; after: string }) {
  return (
    <div class="body-diff">
      {diffParagraphs(before, after).map((block, index) => {
        if (block.kind === 'changed') {
          return (
            <p key={index} class="diff-changed">
              <Parts parts={block.parts} />
            </p>
          )
        }
        if (block.kind === 'same') {
          return (
            <p key={index} class="diff-same">
              {block.text}
            </p>
          )
        }
        const Tag = block.kind === 'added' ? 'ins' : 'del'
        return (
          <p key={index} class={`diff-${block.kind}`}>
            <Tag>{block.text}</Tag>
          </p>
        )
      })}
    </div>
  )
}

function asText(value: RevisionFields[keyof RevisionFields]): string {
  return Array.isArray(value) ? value.join(', ') : value
}

/**
 * Every field that differs between two versions, the changes marked: inserted
 * text in <ins>, removed text in <del>, so the markup itself says what changed.
 */
export function FieldDiffs({ before, after }: { before: RevisionFields; after: RevisionFields }) {
  const fields = (Object.keys(REVISION_FIELD_LABELS) as (keyof RevisionFields)[]).filter(
    (field) => asText(before[field] ?? '') !== asText(after[field] ?? ''),
  )
  if (fields.length === 0) return <p class="empty">No differences.</p>
  return (
    <dl class="diff">
      {fields.map((field) => (
        <div key={field} class="diff-field">
          <dt>{REVISION_FIELD_LABELS[field]}</dt>
          <dd>
            {field === 'body' ? (
              <BodyDiff before={before.body ?? ''} after={after.body ?? ''} />
            ) : (
              <Parts parts={diffText(asText(before[field] ?? ''), asText(after[field] ?? ''))} />
            )}
          </dd>
        </div>
      ))}
    </dl>
  )
}
