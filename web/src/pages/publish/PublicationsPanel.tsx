import * as React from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { CheckCircle2, ExternalLink, RotateCcw } from 'lucide-react'
import { errorMessage } from '@/lib/api'
import type { Channel, Publication } from '@/lib/model'
import { formatInZone } from '@/lib/publishing'
import { postKey } from '@/lib/queries'
import { usePlatformName } from '@/lib/descriptors'
import { cn, formatDate } from '@/lib/utils'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Skeleton } from '@/components/ui/skeleton'
import { PlatformIcon } from '@/components/ui/platform-icon'
import { useToast } from '@/components/ui/toast'
import { FormAlert } from '../AuthShell'
import { StateBadge } from './previews'
import { PublicationNumbers } from '../analytics/PublicationNumbers'
import { publicationsKey, usePublications } from '@/lib/queries'
import { client, data } from '@/lib/api'

/** Where each channel of a post stands, with the history of every attempt and the actions for unconfirmed ones. */
export function PublicationsPanel({ postId, channels, timeZone, editable }: { postId: string; channels: Channel[]; timeZone: string; editable: boolean }) {
  const pubs = usePublications(postId)
  const byId = new Map(channels.map((c) => [c.id, c]))
  return (
    <Card data-testid="publications">
      <CardHeader className="pb-4">
        <CardTitle>Publications</CardTitle>
        <CardDescription>Each channel’s delivery and every attempt made.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {pubs.isPending ? (
          <Skeleton className="h-20" />
        ) : pubs.isError ? (
          <FormAlert>{errorMessage(pubs.error)}</FormAlert>
        ) : pubs.data.length === 0 ? (
          <p className="text-sm text-zinc-500">Nothing scheduled yet. Publications appear once the post is scheduled or queued.</p>
        ) : (
          pubs.data.map((p) => <PublicationRow key={p.id} pub={p} channel={byId.get(p.channelId)} timeZone={timeZone} editable={editable} />)
        )}
      </CardContent>
    </Card>
  )
}

function PublicationRow({ pub, channel, timeZone, editable }: { pub: Publication; channel: Channel | undefined; timeZone: string; editable: boolean }) {
  const platformName = usePlatformName()
  const qc = useQueryClient()
  const toast = useToast()
  const [marking, setMarking] = React.useState(false)
  const [url, setUrl] = React.useState('')
  const refresh = () => {
    qc.invalidateQueries({ queryKey: publicationsKey(pub.postId) })
    qc.invalidateQueries({ queryKey: postKey(pub.postId) })
    qc.invalidateQueries({ queryKey: ['calendar'] })
  }
  const mark = useMutation({
    mutationFn: (u: string) => data(client.POST('/api/v1/publications/{id}/mark-published', { params: { path: { id: pub.id } }, body: u ? { url: u } : {} })),
    onSuccess: () => {
      refresh()
      setMarking(false)
      toast.success('Marked as published')
    },
  })
  const again = useMutation({
    mutationFn: () => data(client.POST('/api/v1/publications/{id}/publish-again', { params: { path: { id: pub.id } } })),
    onSuccess: () => {
      refresh()
      toast.success('Publishing again')
    },
    onError: (e) => toast.error('Could not publish again', errorMessage(e)),
  })
  const attempts = pub.attempts ?? []
  return (
    <div className="rounded-lg border border-zinc-200 p-3" data-testid="publication" data-state={pub.state} data-publication-id={pub.id}>
      <div className="flex flex-wrap items-center gap-2">
        <PlatformIcon platform={pub.platform || channel?.platform || ''} />
        <span className="text-sm font-medium text-zinc-900">{channel?.name ?? platformName(pub.platform)}</span>
        <StateBadge state={pub.state} />
        <span className="ml-auto text-xs text-zinc-500">{pub.dueAt ? `due ${formatInZone(pub.dueAt, timeZone)}` : ''}</span>
      </div>
      {pub.error && <p className="mt-2 text-xs text-red-700">{pub.error}</p>}
      {pub.state === 'PUBLISHED' && <PublicationNumbers publicationId={pub.id} />}
      {(pub.url || pub.state === 'UNCONFIRMED') && (
        <div className="mt-2 flex flex-wrap items-center gap-2">
          {pub.url && (
            <Button variant="outline" size="sm" asChild>
              <a href={pub.url} target="_blank" rel="noreferrer" data-testid="publication-open">
                <ExternalLink /> Open on platform
              </a>
            </Button>
          )}
          {pub.state === 'UNCONFIRMED' && editable && (
            <>
              <Button size="sm" variant="outline" data-testid="publication-mark" onClick={() => (setUrl(pub.url ?? ''), mark.reset(), setMarking(true))}>
                <CheckCircle2 /> Mark published
              </Button>
              <Button size="sm" variant="outline" data-testid="publication-again" disabled={again.isPending} onClick={() => again.mutate()}>
                <RotateCcw /> Publish again
              </Button>
            </>
          )}
        </div>
      )}
      {pub.state === 'UNCONFIRMED' && (
        <p className="mt-2 text-xs text-purple-800">The platform did not confirm this post. Check whether it went out before publishing again, or it may appear twice.</p>
      )}
      {attempts.length > 0 && (
        <ol className="mt-3 grid gap-1 border-t border-zinc-100 pt-2" aria-label="Attempts">
          {attempts.map((a) => (
            <li key={a.number} className="grid grid-cols-[2rem_9rem_minmax(0,1fr)] gap-2 text-xs" data-testid="publication-attempt">
              <span className="font-mono text-zinc-400">#{a.number}</span>
              <span className="text-zinc-500">{formatDate(a.startedAt)}</span>
              <span className={cn('min-w-0 break-words', /fail|error/i.test(a.outcome ?? '') ? 'text-red-700' : 'text-zinc-700')}>
                <span className="font-medium">{a.outcome ?? 'running'}</span>
                {a.detail ? ` — ${a.detail}` : ''}
              </span>
            </li>
          ))}
        </ol>
      )}
      <Dialog open={marking} onOpenChange={setMarking}>
        <DialogContent>
          <form
            className="grid gap-4"
            onSubmit={(e) => {
              e.preventDefault()
              mark.mutate(url.trim())
            }}
          >
            <DialogHeader>
              <DialogTitle>Mark as published</DialogTitle>
              <DialogDescription>Confirm the post is live on {channel?.name ?? platformName(pub.platform)}. Add its address if you have it.</DialogDescription>
            </DialogHeader>
            {mark.isError && <FormAlert>{errorMessage(mark.error)}</FormAlert>}
            <Field id={`mark-url-${pub.id}`} label="Post URL" hint="Optional.">
              <Input id={`mark-url-${pub.id}`} type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://…" />
            </Field>
            <DialogFooter>
              <Button variant="outline" onClick={() => setMarking(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={mark.isPending}>
                {mark.isPending ? 'Saving…' : 'Mark published'}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </div>
  )
}
