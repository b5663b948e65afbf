import * as React from 'react'
import { AlertTriangle, Ban, CheckCircle2, Clock, Loader2, RotateCcw, X } from 'lucide-react'
import { isActive, type Job, type JobStatus } from '@/lib/model'
import { cn, excerpt, formatDate, timeAgo } from '@/lib/utils'
import { Badge, type BadgeProps } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Progress } from '@/components/ui/progress'
import { KIND_LABEL, previewUrl, useAgain, useCancel, useJobEvents } from './jobs'

const STATUS: Record<JobStatus, { label: string; variant: BadgeProps['variant']; icon: typeof Clock }> = {
  QUEUED: { label: 'Queued', variant: 'secondary', icon: Clock },
  RUNNING: { label: 'Running', variant: 'default', icon: Loader2 },
  SUCCEEDED: { label: 'Done', variant: 'success', icon: CheckCircle2 },
  FAILED: { label: 'Failed', variant: 'destructive', icon: AlertTriangle },
  CANCELLED: { label: 'Cancelled', variant: 'outline', icon: Ban },
}

/** What the job was asked for, in a few words. */
function summary(job: Job): string {
  const i = job.input ?? {}
  const s = (k: string) => (typeof i[k] === 'string' ? (i[k] as string) : '')
  switch (job.kind) {
    case 'IMAGE':
      return s('prompt')
    case 'VIDEO':
      return s('prompt') || (i.sourceAssetId ? 'From an image' : 'Text to video')
    case 'CAPTION':
      return [s('idea') || (i.assetId ? 'Caption for an image' : ''), Array.isArray(i.platforms) ? (i.platforms as string[]).join(', ') : ''].filter(Boolean).join(' · ')
    case 'VOICE':
      return s('text')
    case 'CONTENT_PLAN':
      return [i.count ? `${i.count} ideas` : '', s('from') && s('to') ? `${s('from')} → ${s('to')}` : '', s('idea')].filter(Boolean).join(' · ')
    default:
      return ''
  }
}

export function JobCard({ job, editable }: { job: Job; editable: boolean }) {
  useJobEvents(job)
  const cancel = useCancel()
  const again = useAgain()
  const st = STATUS[job.status] ?? STATUS.QUEUED
  const p = job.progress
  const active = isActive(job)

  // A new preview frame is fetched whenever the server says it has one and the step moved on.
  const [tick, setTick] = React.useState(0)
  const [previewOk, setPreviewOk] = React.useState(false)
  const step = p?.step ?? null
  const fraction = p?.fraction ?? 0
  React.useEffect(() => {
    if (active && p?.hasPreview) setTick((t) => t + 1)
  }, [active, p?.hasPreview, step, fraction])

  const StatusIcon = st.icon
  return (
    <li
      data-testid="job-card"
      data-status={job.status}
      data-job-id={job.id}
      className={cn('min-w-0 rounded-lg border bg-white p-3 shadow-sm', job.status === 'FAILED' ? 'border-red-200' : 'border-zinc-200')}
    >
      <div className="flex gap-3">
        {active && p?.hasPreview && tick > 0 && (
          <img
            src={previewUrl(job.id, tick)}
            alt="Live preview"
            data-testid="job-preview"
            onLoad={() => setPreviewOk(true)}
            onError={() => setPreviewOk(false)}
            className={cn('size-16 shrink-0 rounded-md border border-zinc-200 bg-zinc-100 object-cover', !previewOk && 'invisible')}
          />
        )}
        <div className="min-w-0 flex-1">
          <div className="flex items-center justify-between gap-2">
            <div className="flex min-w-0 items-center gap-2">
              <span className="text-sm font-medium text-zinc-900">{KIND_LABEL[job.kind] ?? job.kind}</span>
              <Badge variant={st.variant} className="gap-1">
                <StatusIcon className={cn('size-3', job.status === 'RUNNING' && 'animate-spin')} /> {st.label}
              </Badge>
            </div>
            <time className="shrink-0 text-xs text-zinc-400" dateTime={job.createdAt} title={formatDate(job.createdAt)}>
              {timeAgo(job.createdAt)}
            </time>
          </div>
          {summary(job) && <p className="mt-1 truncate text-xs text-zinc-500">{excerpt(summary(job), 140)}</p>}
        </div>
      </div>

      {active && (
        <div className="mt-3 grid gap-1.5" data-testid="job-progress">
          <Progress value={job.status === 'QUEUED' && !p ? null : fraction} label={`Progress of ${KIND_LABEL[job.kind] ?? job.kind} job`} />
          <div className="flex flex-wrap items-center gap-x-3 gap-y-0.5 text-xs text-zinc-500">
            {job.status === 'QUEUED' && !p?.step ? <span>Waiting for a backend…</span> : <span className="tabular-nums">{Math.round(fraction * 100)}%</span>}
            {p?.step != null && p?.total != null && (
              <span className="tabular-nums">
                step {p.step}/{p.total}
              </span>
            )}
            {p?.node && <span className="truncate">{p.node}</span>}
            {job.backendId && <span className="font-mono">{job.backendId}</span>}
            {job.attempts > 1 && <span>attempt {job.attempts}</span>}
          </div>
        </div>
      )}

      {job.status === 'FAILED' && (
        <div role="alert" data-testid="job-error" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <div className="whitespace-pre-wrap break-words">{job.error || 'The job failed without saying why.'}</div>
          {(job.backendId || job.attempts > 0) && (
            <div className="mt-1 text-xs text-red-600">
              {job.backendId && <span className="font-mono">{job.backendId}</span>}
              {job.backendId && job.attempts > 0 && ' · '}
              {job.attempts > 0 && `${job.attempts} attempt${job.attempts === 1 ? '' : 's'}`}
            </div>
          )}
        </div>
      )}

      {editable && (active || job.status === 'FAILED') && (
        <div className="mt-3 flex justify-end gap-2">
          {active && (
            <Button variant="outline" size="sm" data-testid="job-cancel" disabled={cancel.isPending} onClick={() => cancel.mutate(job.id)}>
              <X /> Cancel
            </Button>
          )}
          {job.status === 'FAILED' && (
            <Button size="sm" data-testid="job-retry" disabled={again.isPending} onClick={() => again.mutate({ jobId: job.id, varySeed: false })}>
              <RotateCcw /> Try again
            </Button>
          )}
        </div>
      )}
    </li>
  )
}

export function JobsPanel({ jobs, editable }: { jobs: Job[]; editable: boolean }) {
  const [showAll, setShowAll] = React.useState(false)
  const sorted = React.useMemo(() => [...jobs].sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '')), [jobs])
  // Live and failed jobs always show; finished ones are trimmed unless asked for.
  const limit = 8
  const shown = showAll ? sorted : sorted.filter((j, i) => i < limit || isActive(j))
  if (!jobs.length) {
    return <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-6 text-center text-sm text-zinc-500">No jobs yet for this character.</p>
  }
  return (
    <div>
      <ul className="grid grid-cols-[minmax(0,1fr)] gap-2" data-testid="jobs-list">
        {shown.map((j) => (
          <JobCard key={j.id} job={j} editable={editable} />
        ))}
      </ul>
      {sorted.length > shown.length && (
        <Button variant="link" size="sm" className="mt-2 px-0" onClick={() => setShowAll(true)}>
          Show all {sorted.length} jobs
        </Button>
      )}
    </div>
  )
}
