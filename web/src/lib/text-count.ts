/**
 * Text length as a platform counts it: the mirror of the server's TextCounting (publishing.spi). The server
 * decides; this only keeps the composer's counter honest while typing.
 */
export type Counting = 'graphemes' | 'characters' | 'utf8Bytes' | 'weighted'

const URL = /https?:\/\/\S+/g
const LIGHT_RANGES: [number, number][] = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
]

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment)
}

/** The length of `text`; each URL counts as `urlLength` when that is given (Mastodon and X count a link as 23). */
export function countText(text: string, counting: Counting, urlLength?: number | null): number {
  if (!text) return 0
  let rest = text
  let urls = 0
  if (urlLength != null && urlLength >= 0) {
    rest = text.replace(URL, () => {
      urls++
      return ''
    })
  }
  return measure(rest, counting) + urls * (urlLength ?? 0)
}

function measure(text: string, counting: Counting): number {
  switch (counting) {
    case 'graphemes':
      return graphemes(text).length
    case 'utf8Bytes':
      return new TextEncoder().encode(text).length
    case 'weighted':
      return weighted(text)
    default:
      return [...text].length
  }
}

/** Like X: Latin and general punctuation count 1, other code points 2, an emoji (with joiners) 2. */
function weighted(text: string): number {
  let weight = 0
  for (const cluster of graphemes(text)) {
    if (isEmoji(cluster)) {
      weight += 2
      continue
    }
    for (const ch of cluster) weight += light(ch.codePointAt(0)!) ? 1 : 2
  }
  return weight
}

function light(cp: number): boolean {
  return LIGHT_RANGES.some(([from, to]) => cp >= from && cp <= to)
}

function isEmoji(cluster: string): boolean {
  const first = cluster.codePointAt(0)!
  return (first >= 0x1f000 && first <= 0x1faff) || (first >= 0x2600 && first <= 0x27bf) || cluster.includes('\u200d') || cluster.includes('\ufe0f')
}

export const countingHint: Record<Counting, string> = {
  graphemes: 'Characters as a reader sees them (graphemes)',
  characters: 'Characters (Unicode code points)',
  utf8Bytes: 'Bytes of UTF-8',
  weighted: 'Weighted: most scripts and emoji count 2, links count as a fixed length',
}
