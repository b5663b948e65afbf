import * as React from 'react'
import { formatDate } from '@/lib/utils'
import { Badge } from '@/components/ui/badge'

/** Keys shown first, in this order, with their labels; everything else follows alphabetically. */
const ORDER: [string, string][] = [
  ['backend', 'Backend'],
  ['backendId', 'Backend'],
  ['backendVersion', 'Backend version'],
  ['model', 'Model'],
  ['checkpoint', 'Checkpoint'],
  ['loras', 'LoRAs'],
  ['template', 'Template'],
  ['templateHash', 'Template hash'],
  ['workflowHash', 'Workflow hash'],
  ['faceMethod', 'Face method'],
  ['prompt', 'Prompt'],
  ['negativePrompt', 'Negative prompt'],
  ['seed', 'Seed'],
  ['size', 'Size'],
  ['width', 'Width'],
  ['height', 'Height'],
  ['steps', 'Steps'],
  ['cfg', 'CFG'],
  ['sampler', 'Sampler'],
  ['scheduler', 'Scheduler'],
  ['frames', 'Frames'],
  ['fps', 'FPS'],
  ['timings', 'Timings'],
]
const LABELS = Object.fromEntries(ORDER)
const RANK = Object.fromEntries(ORDER.map(([k], i) => [k, i]))
const LONG_TEXT = new Set(['prompt', 'negativePrompt', 'systemPrompt', 'userPrompt', 'text'])

export function labelFor(key: string): string {
  if (LABELS[key]) return LABELS[key]
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

function isIsoDate(s: string) {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s)
}

function formatDuration(key: string, n: number): string | null {
  const k = key.toLowerCase()
  if (k.endsWith('ms') || k.endsWith('millis')) return n >= 1000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`
  if (k.endsWith('seconds') || k.endsWith('secs') || k.endsWith('sec')) return `${n.toFixed(1)} s`
  return null
}

function Primitive({ k, v }: { k: string; v: unknown }) {
  if (v === null || v === undefined || v === '') return <span className="text-zinc-400">—</span>
  if (typeof v === 'boolean') return <span>{v ? 'Yes' : 'No'}</span>
  if (typeof v === 'number') return <span className="font-mono tabular-nums">{formatDuration(k, v) ?? String(v)}</span>
  const s = String(v)
  if (isIsoDate(s)) return <span>{formatDate(s)}</span>
  if (/hash|sha/i.test(k))
    return (
      <code className="break-all rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs" title={s}>
        {s}
      </code>
    )
  if (LONG_TEXT.has(k) || s.length > 80) return <p className="whitespace-pre-wrap break-words rounded-md bg-zinc-50 px-2.5 py-1.5 text-[13px] leading-relaxed">{s}</p>
  return <span className="break-words">{s}</span>
}

/** A LoRA-like object ({name, weight}) or anything else, as a compact chip. */
function Chip({ v }: { v: unknown }) {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>
    const name = o.name ?? o.id ?? o.model
    if (name !== undefined) {
      const weight = o.weight ?? o.strength
      return (
        <Badge variant="secondary" className="font-mono">
          {String(name)}
          {weight !== undefined && <span className="ml-1 text-zinc-500">· {String(weight)}</span>}
        </Badge>
      )
    }
    return (
      <Badge variant="secondary" className="font-mono">
        {JSON.stringify(v)}
      </Badge>
    )
  }
  return <Badge variant="secondary">{String(v)}</Badge>
}

export function RecipeValue({ k, v }: { k: string; v: unknown }) {
  if (Array.isArray(v)) {
    if (v.length === 0) return <span className="text-zinc-400">none</span>
    return (
      <div className="flex flex-wrap gap-1.5">
        {v.map((x, i) => (
          <Chip key={i} v={x} />
        ))}
      </div>
    )
  }
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
    if (entries.length === 0) return <span className="text-zinc-400">—</span>
    return (
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-[13px]">
        {entries.map(([ck, cv]) => (
          <React.Fragment key={ck}>
            <dt className="text-zinc-500">{labelFor(ck)}</dt>
            <dd className="min-w-0">
              <RecipeValue k={ck} v={cv} />
            </dd>
          </React.Fragment>
        ))}
      </dl>
    )
  }
  return <Primitive k={k} v={v} />
}

/** A recipe (or any flat-ish JSON object) as a two-column list, well-known keys first. */
export function RecipeList({ recipe }: { recipe: Record<string, unknown> }) {
  const entries = Object.entries(recipe)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (RANK[a] ?? 1000) - (RANK[b] ?? 1000) || a.localeCompare(b))
  if (entries.length === 0) return <p className="text-sm text-zinc-500">No recipe recorded.</p>
  return (
    <dl className="grid grid-cols-[8.5rem_1fr] gap-x-4 gap-y-2.5 text-sm" data-testid="recipe">
      {entries.map(([k, v]) => (
        <div key={k} className="contents" data-testid="recipe-row" data-key={k}>
          <dt className="pt-0.5 text-zinc-500">{labelFor(k)}</dt>
          <dd className="min-w-0 text-zinc-900">
            <RecipeValue k={k} v={v} />
          </dd>
        </div>
      ))}
    </dl>
  )
}
