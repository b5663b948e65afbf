import * as React from 'react'
import { useNavigate } from 'react-router'
import { useQueryClient } from '@tanstack/react-query'
import { AlertTriangle, AudioLines, FileText, ListChecks, Megaphone, Play, Shuffle, RotateCcw } from 'lucide-react'
import { mediaUrl, thumbnailUrl } from '@/lib/api'
import type { CaptionEntry, Job, JobOutput, PlanIdea, QualityFlag } from '@/lib/model'
import { cn, formatDate, plural } from '@/lib/utils'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { jobsKey, KIND_LABEL, useAgain } from './jobs'
import { captionFor, captionOf } from '../publish/media'
import type { ComposerPrefill } from '../publish/ComposerPage'
import { RecipeList } from './recipe'
import { fallbackName, textLimit, usePlatforms } from '@/lib/descriptors'
import { countText, countingHint } from '@/lib/text-count'
import { LoreUsed } from './lore'
import { FaceBadge } from './face'

/** One thing in the results gallery: a file output of a job, or the text result of a caption/plan job. */
export interface GalleryItem {
  key: string
  job: Job
  output: JobOutput | null
}

const TEXT_KINDS = new Set(['CAPTION', 'CONTENT_PLAN'])

export function galleryItems(jobs: Job[]): GalleryItem[] {
  const items: GalleryItem[] = []
  for (const job of jobs) {
    if (job.status !== 'SUCCEEDED') continue
    if (TEXT_KINDS.has(job.kind) || (job.outputs ?? []).length === 0) {
      if (job.structured || job.text) items.push({ key: job.id, job, output: null })
      continue
    }
    job.outputs.forEach((o, i) => items.push({ key: `${job.id}-${o.assetId ?? i}`, job, output: o }))
  }
  return items
}

export function flagText(f: QualityFlag): string {
  return f.replace(/[_-]+/g, ' ').toLowerCase()
}

/** The caption as it would be posted: text then hashtags. */
function postText(c: CaptionEntry): string {
  const tags = (c.hashtags ?? []).map((h) => (h.startsWith('#') ? h : `#${h}`)).join(' ')
  return tags ? `${c.text ?? ''}\n\n${tags}` : (c.text ?? '')
}

export function CaptionList({ captions, compact }: { captions: CaptionEntry[]; compact?: boolean }) {
  const shown = compact ? captions.slice(0, 2) : captions
  const platforms = usePlatforms()
  return (
    <ul className="grid gap-3">
      {shown.map((c, i) => {
        const descriptor = platforms.data?.find((p) => p.type === c.platform)
        const rule = textLimit(descriptor)
        const len = countText(postText(c), rule.counting, rule.urlLength)
        const limit = rule.max ?? undefined
        const over = limit !== undefined && len > limit
        return (
          <li key={`${c.platform}-${i}`} className="rounded-lg border border-zinc-200 bg-white p-3" data-testid="caption-entry">
            <div className="mb-1.5 flex items-center justify-between gap-2">
              <span className="text-xs font-semibold uppercase tracking-wide text-zinc-600">{descriptor?.displayName ?? fallbackName(c.platform)}</span>
              <span
                className={cn('font-mono text-xs tabular-nums', over ? 'font-semibold text-amber-700' : 'text-zinc-400')}
                title={`${countingHint[rule.counting]}, hashtags included`}
              >
                {len}
                {limit !== undefined && ` / ${limit}`}
              </span>
            </div>
            <p className={cn('whitespace-pre-wrap text-sm text-zinc-800', compact && 'line-clamp-3')}>{c.text}</p>
            {(c.hashtags ?? []).length > 0 && <p className="mt-1.5 text-xs text-violet-700">{c.hashtags.map((h) => (h.startsWith('#') ? h : `#${h}`)).join(' ')}</p>}
            {!compact && c.altText && (
              <p className="mt-2 text-xs text-zinc-500">
                <span className="font-medium">Alt text:</span> {c.altText}
              </p>
            )}
          </li>
        )
      })}
      {compact && captions.length > shown.length && <li className="text-xs text-zinc-500">+{plural(captions.length - shown.length, 'more platform', 'more platforms')}</li>}
    </ul>
  )
}

export function PlanList({ ideas, compact }: { ideas: PlanIdea[]; compact?: boolean }) {
  const shown = compact ? ideas.slice(0, 4) : ideas
  return (
    <ol className="grid gap-2">
      {shown.map((idea, i) => (
        <li key={i} className="flex gap-3 rounded-lg border border-zinc-200 bg-white p-3" data-testid="plan-idea">
          <div className="w-16 shrink-0 text-xs font-medium text-zinc-500">{idea.date ? formatDay(idea.date) : `#${i + 1}`}</div>
          <div className="min-w-0 flex-1">
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-sm font-medium text-zinc-900">{idea.title}</span>
              {idea.pillar && <Badge variant="secondary">{idea.pillar}</Badge>}
            </div>
            {!compact && idea.captionIdea && <p className="mt-1 text-sm text-zinc-700">{idea.captionIdea}</p>}
            {!compact && idea.imagePrompt && (
              <p className="mt-1 text-xs text-zinc-500">
                <span className="font-medium">Image:</span> {idea.imagePrompt}
              </p>
            )}
          </div>
        </li>
      ))}
      {compact && ideas.length > shown.length && <li className="text-xs text-zinc-500">+{plural(ideas.length - shown.length, 'more idea', 'more ideas')}</li>}
    </ol>
  )
}

function formatDay(iso: string) {
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00` : iso)
  if (Number.isNaN(d.getTime())) return iso
  return d.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' })
}

/** The text result of a job: per-platform captions, plan ideas, or the raw text. */
export function TextResult({ job, compact }: { job: Job; compact?: boolean }) {
  const captions = job.structured?.captions
  const ideas = job.structured?.ideas
  const lore = compact ? null : <LoreUsed lore={job.loreUsed} />
  if (Array.isArray(captions) && captions.length)
    return (
      <>
        {<CaptionList captions={captions} compact={compact} />}
        {lore}
      </>
    )
  if (Array.isArray(ideas) && ideas.length)
    return (
      <>
        {<PlanList ideas={ideas} compact={compact} />}
        {lore}
      </>
    )
  return <p className={cn('whitespace-pre-wrap text-sm text-zinc-800', compact && 'line-clamp-6')}>{job.text}</p>
}

function QualityBadges({ output, className }: { output: JobOutput; className?: string }) {
  const flags = output.quality?.flags ?? []
  if (!flags.length && output.quality?.passed !== false) return null
  return (
    <div className={cn('flex flex-wrap gap-1', className)} data-testid="quality-flags">
      {flags.length ? (
        flags.map((f, i) => (
          <Badge key={i} variant="warning" className="gap-1 shadow-sm">
            <AlertTriangle className="size-3" /> {flagText(f)}
          </Badge>
        ))
      ) : (
        <Badge variant="warning" className="gap-1 shadow-sm">
          <AlertTriangle className="size-3" /> check quality
        </Badge>
      )}
    </div>
  )
}

/** A tile in the results gallery. */
export function OutputThumb({ item, onOpen }: { item: GalleryItem; onOpen: () => void }) {
  const { job, output } = item
  const type = output?.contentType ?? ''
  return (
    <div
      role="button"
      tabIndex={0}
      data-testid="output-thumb"
      data-job-id={job.id}
      data-kind={job.kind}
      onClick={onOpen}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault()
          onOpen()
        }
      }}
      className={cn(
        'group relative cursor-pointer overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm transition-all hover:-translate-y-0.5 hover:border-violet-300 hover:shadow-md focus:outline-none focus-visible:ring-2 focus-visible:ring-violet-500',
        !output && 'col-span-2',
      )}
    >
      {!output ? (
        <div className="max-h-80 overflow-hidden p-3">
          <div className="mb-2 flex items-center gap-2 text-xs font-medium text-zinc-500">
            {job.kind === 'CONTENT_PLAN' ? <ListChecks className="size-3.5" /> : <FileText className="size-3.5" />}
            {KIND_LABEL[job.kind] ?? job.kind} · {formatDate(job.finishedAt ?? job.createdAt)}
          </div>
          <TextResult job={job} compact />
        </div>
      ) : type.startsWith('image/') ? (
        <img src={thumbnailUrl(output.assetId)} alt={`${KIND_LABEL[job.kind] ?? job.kind} output`} loading="lazy" className="aspect-square w-full bg-zinc-100 object-cover" />
      ) : type.startsWith('video/') ? (
        <div className="relative aspect-square bg-zinc-900">
          <video src={mediaUrl(output.assetId)} muted playsInline preload="metadata" className="size-full object-cover" />
          <Play className="absolute left-1/2 top-1/2 size-8 -translate-x-1/2 -translate-y-1/2 text-white/90 drop-shadow" />
        </div>
      ) : type.startsWith('audio/') ? (
        <div className="flex aspect-square flex-col items-center justify-center gap-3 bg-gradient-to-br from-violet-50 to-sky-50 p-3">
          <AudioLines className="size-8 text-violet-500" />
          <audio src={mediaUrl(output.assetId)} controls preload="none" className="w-full" onClick={(e) => e.stopPropagation()} />
          {typeof job.input?.text === 'string' && <p className="line-clamp-2 text-center text-xs text-zinc-600">{job.input.text}</p>}
        </div>
      ) : (
        <div className="flex aspect-square items-center justify-center bg-zinc-50 p-3 text-xs text-zinc-500">{type || 'file'}</div>
      )}
      {output && <QualityBadges output={output} className="absolute left-2 top-2 right-2" />}
      {output && type.startsWith('image/') && <FaceBadge faceCheck={output.faceCheck} className="absolute bottom-2 left-2 shadow-sm" />}
    </div>
  )
}

/** The recipe shown for an item: the output's recipe, completed from the job where the server left gaps. */
export function recipeOf(item: GalleryItem): Record<string, unknown> {
  const { job, output } = item
  const recipe: Record<string, unknown> = { ...(output?.recipe ?? job.outputs?.[0]?.recipe ?? {}) }
  if (!('backend' in recipe) && !('backendId' in recipe) && job.backendId) recipe.backendId = job.backendId
  const input = job.input ?? {}
  for (const k of ['prompt', 'negativePrompt', 'seed', 'idea', 'platforms', 'text']) {
    if (!(k in recipe) && input[k] !== undefined && input[k] !== null && input[k] !== '') recipe[k] = input[k]
  }
  if (output?.width && output?.height && !('size' in recipe) && !('width' in recipe)) recipe.size = `${output.width}×${output.height}`
  if (job.startedAt && job.finishedAt && !('timings' in recipe)) {
    const ms = new Date(job.finishedAt).getTime() - new Date(job.startedAt).getTime()
    if (Number.isFinite(ms) && ms >= 0) recipe.durationMs = ms
  }
  return recipe
}

export function OutputDialog({ item, onOpenChange, editable }: { item: GalleryItem | null; onOpenChange: (o: boolean) => void; editable: boolean }) {
  const again = useAgain(() => onOpenChange(false))
  const [shown, setShown] = React.useState(item)
  React.useEffect(() => {
    if (item) setShown(item)
  }, [item])
  const cur = item ?? shown
  const job = cur?.job
  const output = cur?.output ?? null
  const type = output?.contentType ?? ''
  const seedable = job?.kind === 'IMAGE' || job?.kind === 'VIDEO'
  const qc = useQueryClient()
  const navigate = useNavigate()

  /** Opens the composer with this character, this image and the newest caption written for it (when there is one). */
  const createPost = () => {
    if (!job) return
    const image = output && type.startsWith('image/') ? output.assetId : typeof job.input?.assetId === 'string' ? job.input.assetId : undefined
    const text = job.kind === 'CAPTION' ? captionOf(job) : captionFor(qc.getQueryData<Job[]>(jobsKey(job.characterId)), image ?? null)
    const prefill: ComposerPrefill = { characterId: job.characterId, assetId: image, caption: text?.caption, altText: text?.altText || undefined, captionJobId: text?.jobId }
    const qs = new URLSearchParams({ character: job.characterId })
    if (image) qs.set('asset', image)
    onOpenChange(false)
    navigate(`/posts/new?${qs}`, { state: prefill })
  }

  return (
    <Dialog open={!!item} onOpenChange={onOpenChange}>
      <DialogContent className="max-h-[calc(100vh-2rem)] max-w-5xl grid-rows-[auto_minmax(0,1fr)_auto] overflow-hidden" data-testid="recipe-dialog">
        {cur && job && (
          <>
            <DialogHeader>
              <DialogTitle>{KIND_LABEL[job.kind] ?? job.kind} result</DialogTitle>
              <DialogDescription>
                Finished {formatDate(job.finishedAt ?? job.createdAt)}
                {job.backendId && <> on {job.backendId}</>}
                {output?.width && output?.height ? ` · ${output.width}×${output.height}` : ''}
              </DialogDescription>
            </DialogHeader>
            <div className="grid min-h-0 gap-6 overflow-y-auto md:grid-cols-[minmax(0,1fr)_22rem]">
              <div className="flex min-h-0 items-start justify-center">
                {!output ? (
                  <div className="w-full">
                    <TextResult job={job} />
                  </div>
                ) : type.startsWith('image/') ? (
                  <a href={mediaUrl(output.assetId)} target="_blank" rel="noreferrer" className="block">
                    <img src={mediaUrl(output.assetId)} alt="Generated image" className="max-h-[70vh] w-auto rounded-lg border border-zinc-200 bg-zinc-100 object-contain" />
                  </a>
                ) : type.startsWith('video/') ? (
                  <video src={mediaUrl(output.assetId)} controls autoPlay loop playsInline className="max-h-[70vh] w-full rounded-lg bg-black" />
                ) : type.startsWith('audio/') ? (
                  <div className="w-full rounded-lg bg-gradient-to-br from-violet-50 to-sky-50 p-6">
                    <audio src={mediaUrl(output.assetId)} controls className="w-full" />
                    {typeof job.input?.text === 'string' && <p className="mt-4 whitespace-pre-wrap text-sm text-zinc-700">{job.input.text}</p>}
                  </div>
                ) : (
                  <a href={mediaUrl(output.assetId)} target="_blank" rel="noreferrer" className="text-sm text-violet-700 underline">
                    Open file ({type || 'unknown type'})
                  </a>
                )}
              </div>
              <div className="grid content-start gap-4">
                {output && <QualityBadges output={output} />}
                {output && type.startsWith('image/') && (
                  <div className="grid gap-1">
                    <FaceBadge faceCheck={output.faceCheck} className="w-fit" />
                    {output.faceCheck?.reason && <p className="text-xs text-zinc-500">{output.faceCheck.reason}</p>}
                  </div>
                )}
                <div>
                  <h3 className="mb-3 text-sm font-semibold text-zinc-900">Recipe</h3>
                  <RecipeList recipe={recipeOf(cur)} />
                </div>
              </div>
            </div>
            <DialogFooter>
              {editable && (
                <>
                  {(job.kind === 'CAPTION' || type.startsWith('image/')) && (
                    <Button variant="outline" className="sm:mr-auto" data-testid="create-post-button" onClick={createPost}>
                      <Megaphone /> Create post
                    </Button>
                  )}
                  {seedable && (
                    <Button variant="outline" data-testid="vary-button" disabled={again.isPending} onClick={() => again.mutate({ jobId: job.id, varySeed: true })}>
                      <Shuffle /> Vary seed
                    </Button>
                  )}
                  <Button data-testid="again-button" disabled={again.isPending} onClick={() => again.mutate({ jobId: job.id, varySeed: false })}>
                    <RotateCcw /> Generate again
                  </Button>
                </>
              )}
            </DialogFooter>
          </>
        )}
      </DialogContent>
    </Dialog>
  )
}
