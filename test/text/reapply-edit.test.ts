import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { reapplyEdit, reapplyValue } from '../../src/text/reapply-edit.js'

const join = (...paragraphs: string[]) => paragraphs.join('\n\n')

describe('reapplyEdit', () => {
  test('a corrected paragraph is corrected in an older text that still has it', () => {
    const wrong = join(
      'The council met on Tuesday.',
      'The wall costs 4 million.',
      'Work starts soon.',
    )
    const corrected = join(
      'The council met on Tuesday.',
      'The wall costs 40 million.',
      'Work starts soon.',
    )
    const older = join('The council met.', 'The wall costs 4 million.')
    assert.equal(
      reapplyEdit(wrong, corrected, older),
      join('The council met.', 'The wall costs 40 million.'),
    )
  })

  test('an added paragraph goes in after the one it followed; a removed one goes', () => {
    const before = join('One.', 'Two.', 'Three.')
    const after = join('One.', 'One and a half.', 'Two.')
    assert.equal(
      reapplyEdit(before, after, join('Zero.', 'One.', 'Two.', 'Three.')),
      join('Zero.', 'One.', 'One and a half.', 'Two.'),
    )
  })

  test('a change to paragraphs the older text never had is left out', () => {
    const before = join('A.', 'B.')
    const after = join('A.', 'B corrected.')
    assert.equal(reapplyEdit(before, after, join('C.', 'D.')), join('C.', 'D.'))
  })

  test('applied to the text it was made on, it gives the edited text', () => {
    const paragraph = fc.constantFrom('A.', 'B.', 'C.', 'D.', 'E.', 'F.')
    fc.assert(
      fc.property(
        fc.array(paragraph, { maxLength: 8 }),
        fc.array(paragraph, { maxLength: 8 }),
        (a, b) => {
          assert.equal(reapplyEdit(join(...a), join(...b), join(...a)), join(...b))
        },
      ),
    )
  })

  test('reapplyValue takes the edit only where the target still has the old value', () => {
    assert.equal(reapplyValue('Wrong', 'Right', 'Wrong'), 'Right')
    assert.equal(reapplyValue('Wrong', 'Right', 'Older'), 'Older')
    assert.deepEqual(reapplyValue(['a'], ['b'], ['a']), ['b'])
  })
})
