import * as React from 'react'
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { errorMessage } from '@/lib/api'
import { isActive, type Job, type JobKind } from '@/lib/model'
import { useToast } from '@/components/ui/toast'
import { jobsKey } from '@/lib/queries'
import { client, data } from '@/lib/api'
export { jobsKey }

export const KIND_LABEL: Record<JobKind, string> = {
  IMAGE: 'Image',
  VIDEO: 'Video',
  CAPTION: 'Caption',
  VOICE: 'Voice',
  CONTENT_PLAN: 'Content plan',
  TALKING_CLIP: 'Talking clip',
}

export const previewUrl = (jobId: string, tick: number) => `/api/v1/generations/${encodeURIComponent(jobId)}/preview?t=${tick}`

export { useJobs } from '@/lib/queries'

/** Puts a job into its character's list (replacing the old copy, or in front when new). */
export function upsertJob(qc: QueryClient, job: Job) {
  qc.setQueryData<Job[]>(jobsKey(job.characterId), (list) => {
    if (!list) return [job]
    const i = list.findIndex((j) => j.id === job.id)
    if (i < 0) return [job, ...list]
    const next = list.slice()
    next[i] = job
    return next
  })
}

/**
 * Follows a queued or running job over Server-Sent Events (`progress` on each change, then `done`) and writes
 * each update into the jobs cache. The stream is closed on `done` and on unmount.
 */
export function useJobEvents(job: Job) {
  const qc = useQueryClient()
  const active = isActive(job)
  const { id, characterId } = job
  React.useEffect(() => {
    if (!active || typeof EventSource === 'undefined') return
    const es = new EventSource(`/api/v1/generations/${encodeURIComponent(id)}/events`)
    const apply = (e: MessageEvent) => {
      try {
        const next = JSON.parse(e.data) as Job
        if (next && next.id === id) upsertJob(qc, { ...next, characterId: next.characterId ?? characterId })
      } catch {
        /* ignore a malformed event; the poll catches up */
      }
    }
    es.addEventListener('progress', apply)
    es.addEventListener('done', (e) => {
      apply(e as MessageEvent)
      es.close()
      qc.invalidateQueries({ queryKey: jobsKey(characterId) })
    })
    es.onerror = () => {
      // The browser reconnects on its own; once the server has closed for good, refresh from the list instead.
      if (es.readyState === EventSource.CLOSED) qc.invalidateQueries({ queryKey: jobsKey(characterId) })
    }
    return () => es.close()
  }, [active, id, characterId, qc])
}

/** POST …/again: the same recipe, optionally with a new seed. */
export function useAgain(onDone?: (job: Job) => void) {
  const qc = useQueryClient()
  const toast = useToast()
  return useMutation({
    mutationFn: async ({ jobId, varySeed }: { jobId: string; varySeed: boolean }) =>
      (await data(client.POST('/api/v1/generations/{id}/again', { params: { path: { id: jobId } }, body: { varySeed } }))) as Job,
    onSuccess: (job, vars) => {
      if (job?.id) upsertJob(qc, job)
      if (job?.characterId) qc.invalidateQueries({ queryKey: jobsKey(job.characterId) })
      toast.success(vars.varySeed ? 'Queued with a new seed' : 'Queued again')
      onDone?.(job)
    },
    onError: (e) => toast.error('Could not queue the job', errorMessage(e)),
  })
}

export function useCancel() {
  const qc = useQueryClient()
  const toast = useToast()
  return useMutation({
    mutationFn: async (jobId: string) => (await data(client.POST('/api/v1/generations/{id}/cancel', { params: { path: { id: jobId } } }))) as Job,
    onSuccess: (job) => {
      if (job?.id) upsertJob(qc, job)
      toast.success('Job cancelled')
    },
    onError: (e) => toast.error('Could not cancel the job', errorMessage(e)),
  })
}
