/**
 * Data shaping for the Analytics page: the API's answers turned into the rows the charts draw. Pure functions,
 * tested on their own (shape.test.ts); nothing here knows a platform by name: labels come from the descriptors'
 * metrics specs the API returns.
 */

export type Common = 'reactions' | 'shares' | 'comments' | 'views' | 'followers'

export interface PublicationLike {
  publicationId: string
  channelId: string
  platform: string
  publishedAt: string
  excerpt: string
  url?: string | null
  common: Record<string, number | null | undefined>
  engagement: number
  sampledAt?: string | null
}

export interface PointLike {
  at: string
  metrics: Record<string, number | null | undefined>
  common: Record<string, number | null | undefined>
}

export interface MetricLike {
  name: string
  label: string
  common?: string | null
}

export interface Range {
  from: string // yyyy-mm-dd, inclusive
  to: string // yyyy-mm-dd, inclusive
}

export const PRESETS = [7, 30, 90] as const

/** yyyy-mm-dd of a date in the browser's zone. */
export function day(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** The last `days` days up to today. */
export function presetRange(days: number, now = new Date()): Range {
  const from = new Date(now)
  from.setDate(from.getDate() - (days - 1))
  return { from: day(from), to: day(now) }
}

/** The range as the API's from/to: from is the start of its day, to the start of the day after (exclusive). */
export function apiRange(range: Range): { from: string; to: string } {
  const end = new Date(`${range.to}T00:00:00`)
  end.setDate(end.getDate() + 1)
  return { from: new Date(`${range.from}T00:00:00`).toISOString(), to: end.toISOString() }
}

/** A range is usable when both ends are dates and from is not after to. */
export function validRange(range: Range): boolean {
  const ok = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(new Date(`${s}T00:00:00`).getTime())
  return ok(range.from) && ok(range.to) && range.from <= range.to
}

const n = (v: number | null | undefined) => (typeof v === 'number' ? v : 0)

export interface PostBar {
  publicationId: string
  label: string
  at: number
  excerpt: string
  platform: string
  reactions: number
  shares: number
  comments: number
  engagement: number
}

/** One bar per post that has numbers, oldest first: its reactions, shares and comments stacked (nulls count 0). */
export function engagementPerPost(items: PublicationLike[], max = 60): PostBar[] {
  return items
    .filter((i) => i.sampledAt)
    .map((i) => ({
      publicationId: i.publicationId,
      at: new Date(i.publishedAt).getTime(),
      label: shortDate(i.publishedAt),
      excerpt: i.excerpt,
      platform: i.platform,
      reactions: n(i.common.reactions),
      shares: n(i.common.shares),
      comments: n(i.common.comments),
      engagement: i.engagement,
    }))
    .sort((a, b) => a.at - b.at)
    .slice(-max)
}

/** Best and worst posts by engagement among those sampled; a post is never in both lists. */
export function bestAndWorst<T extends PublicationLike>(items: T[], count = 5): { best: T[]; worst: T[] } {
  const sampled = items.filter((i) => i.sampledAt)
  const sorted = [...sampled].sort((a, b) => b.engagement - a.engagement || a.publishedAt.localeCompare(b.publishedAt))
  const best = sorted.slice(0, count)
  const rest = sorted.slice(best.length)
  const worst = rest.slice(-count).reverse()
  return { best, worst }
}

export interface FollowerSeries {
  key: string
  label: string
}

/**
 * One row per sample time with a column per channel, for a multi-line chart of followers. A channel whose
 * platform maps no metric to followers is left out (its account numbers mean something else).
 */
export function followersOverTime(channels: { key: string; label: string; series: PointLike[] }[]): {
  rows: Record<string, number>[]
  lines: FollowerSeries[]
} {
  const byTime = new Map<number, Record<string, number>>()
  const lines: FollowerSeries[] = []
  for (const c of channels) {
    let any = false
    for (const p of c.series) {
      const v = p.common.followers
      if (typeof v !== 'number') continue
      any = true
      const t = new Date(p.at).getTime()
      const row = byTime.get(t) ?? { at: t }
      row[c.key] = v
      byTime.set(t, row)
    }
    if (any) lines.push({ key: c.key, label: c.label })
  }
  return { rows: [...byTime.values()].sort((a, b) => a.at! - b.at!), lines }
}

export interface PlatformRow {
  platform: string
  publications: number
  reactions: number
  shares: number
  comments: number
  views: number | null
}

/** The per-platform totals, largest engagement first. */
export function platformBreakdown(rows: PlatformRow[]): PlatformRow[] {
  return [...rows].sort((a, b) => b.reactions + b.shares + b.comments - (a.reactions + a.shares + a.comments))
}

/** A publication's own numbers as label/value pairs in the order of its platform's metrics spec. */
export function labelledMetrics(spec: MetricLike[] | undefined, metrics: Record<string, number | null | undefined>) {
  const out: { name: string; label: string; value: number }[] = []
  const seen = new Set<string>()
  for (const m of spec ?? []) {
    const v = metrics[m.name]
    if (typeof v === 'number') out.push({ name: m.name, label: m.label, value: v })
    seen.add(m.name)
  }
  for (const [name, v] of Object.entries(metrics)) {
    if (!seen.has(name) && typeof v === 'number') out.push({ name, label: name, value: v })
  }
  return out
}

export interface ExportFilter {
  characterId?: string
  channelId?: string
  range: Range
}

/** The CSV export links: publications always, the channel's series when a channel is chosen. */
export function exportLinks(f: ExportFilter): { label: string; href: string }[] {
  const { from, to } = apiRange(f.range)
  const q = (kind: string) => {
    const p = new URLSearchParams({ kind })
    if (f.characterId) p.set('characterId', f.characterId)
    if (f.channelId) p.set('channelId', f.channelId)
    p.set('from', from)
    p.set('to', to)
    return `/api/v1/analytics/export.csv?${p.toString()}`
  }
  const links = [{ label: 'Publications CSV', href: q('publications') }]
  if (f.channelId) links.push({ label: 'Channel series CSV', href: q('channel') })
  return links
}

const WEEKDAY_ORDER = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY']

export interface SlotLike {
  weekday: string
  hour: number
  score: number
  samples: number
}

/** The top slots as readable rows ("Tue 18:00"), best first, with the score relative to the best (0–100). */
export function slotRows(slots: SlotLike[], count = 5) {
  const top = slots.slice(0, count)
  const best = Math.max(...top.map((s) => s.score), 0)
  return top.map((s) => ({
    ...s,
    label: `${weekdayShort(s.weekday)} ${String(s.hour).padStart(2, '0')}:00`,
    relative: best > 0 ? Math.round((s.score / best) * 100) : 0,
  }))
}

export function weekdayShort(weekday: string): string {
  const i = WEEKDAY_ORDER.indexOf(weekday)
  return i < 0 ? weekday : ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][i]!
}

export function shortDate(iso: string): string {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })
}

export function compact(v: number | null | undefined): string {
  if (typeof v !== 'number') return '—'
  return new Intl.NumberFormat(undefined, { notation: v >= 10_000 ? 'compact' : 'standard', maximumFractionDigits: 1 }).format(v)
}
