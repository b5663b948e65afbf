import { describe, expect, it } from 'vitest'
import { countText, type Counting } from './text-count'

// Expected values are the server's (publishing.spi.TextCounting#count, run on the same strings): the counter
// must agree with the validation that refuses a post.
const CASES: [string, string, Record<Counting, [number, number]>][] = [
  ['ascii', 'hello', { graphemes: [5, 5], characters: [5, 5], utf8Bytes: [5, 5], weighted: [5, 5] }],
  ['precomposed accent', 'h\u00e9llo', { graphemes: [5, 5], characters: [5, 5], utf8Bytes: [6, 6], weighted: [5, 5] }],
  ['combining accent', 'e\u0301', { graphemes: [1, 1], characters: [2, 2], utf8Bytes: [3, 3], weighted: [2, 2] }],
  ['ZWJ family emoji', '👩‍👩‍👧', { graphemes: [1, 1], characters: [5, 5], utf8Bytes: [18, 18], weighted: [2, 2] }],
  ['CJK', '日本語', { graphemes: [3, 3], characters: [3, 3], utf8Bytes: [9, 9], weighted: [6, 6] }],
  ['a long URL', 'see https://example.com/a/very/long/path ok', { graphemes: [43, 30], characters: [43, 30], utf8Bytes: [43, 30], weighted: [43, 30] }],
  ['flag', '🇩🇪', { graphemes: [1, 1], characters: [2, 2], utf8Bytes: [8, 8], weighted: [2, 2] }],
  ['punctuation and heart', 'café — “quoted” ❤️', { graphemes: [17, 17], characters: [18, 18], utf8Bytes: [29, 29], weighted: [18, 18] }],
]

describe('countText mirrors the server', () => {
  for (const [name, text, expected] of CASES) {
    for (const counting of Object.keys(expected) as Counting[]) {
      it(`${name} by ${counting}`, () => {
        const [plain, withUrls] = expected[counting]
        expect(countText(text, counting)).toBe(plain)
        expect(countText(text, counting, 23)).toBe(withUrls)
      })
    }
  }

  it('counts nothing in an empty text', () => {
    expect(countText('', 'weighted', 23)).toBe(0)
  })
})
