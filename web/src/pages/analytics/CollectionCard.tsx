import * as React from 'react'
import type { Channel } from '@/lib/model'
import { useCollectionStatus } from '@/lib/analytics'
import { timeAgo, formatDate } from '@/lib/utils'
import { Badge } from '@/components/ui/badge'
import { PlatformIcon } from '@/components/ui/platform-icon'
import { Empty, Panel } from './Panel'

/** What collection is doing per channel: whether the platform reports numbers, the last and next run, a wait or error. */
export function CollectionCard({ characterId, channels, platformName }: { characterId: string; channels: Channel[]; platformName: (t: string) => string }) {
  const status = useCollectionStatus()
  const [now] = React.useState(() => Date.now())
  const known = new Map(channels.map((c) => [c.id, c]))
  const rows = (status.data ?? []).filter((r) => !characterId || known.has(r.channelId))
  return (
    <Panel title="Collection" testId="collection-status">
      {status.isPending ? (
        <Empty>Loading…</Empty>
      ) : rows.length === 0 ? (
        <Empty>No channels.</Empty>
      ) : (
        <table className="w-full text-sm">
          <thead className="text-left text-xs text-zinc-500">
            <tr>
              <th className="py-1 font-medium">Channel</th>
              <th className="py-1 font-medium">Status</th>
              <th className="py-1 font-medium">Last run</th>
              <th className="py-1 font-medium">Next run</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const c = known.get(r.channelId)
              const waiting = r.deferredUntil && new Date(r.deferredUntil).getTime() > now
              return (
                <tr key={r.channelId} className="border-t border-zinc-100 align-top">
                  <td className="py-1.5">
                    <span className="flex items-center gap-2">
                      <PlatformIcon platform={r.platform} className="size-4" /> {c?.name ?? platformName(r.platform)}
                    </span>
                  </td>
                  <td className="py-1.5">
                    {!r.supported ? (
                      <Badge variant="secondary">No metrics on {platformName(r.platform)}</Badge>
                    ) : r.lastError ? (
                      <span className="grid gap-0.5">
                        <Badge variant={waiting ? 'warning' : 'destructive'}>{waiting ? `Waiting until ${formatDate(r.deferredUntil)}` : 'Failed'}</Badge>
                        <span className="text-xs text-zinc-500">{r.lastError}</span>
                      </span>
                    ) : (
                      <Badge variant="success">Collecting</Badge>
                    )}
                  </td>
                  <td className="py-1.5 text-zinc-600">{r.lastRunAt ? timeAgo(r.lastRunAt) : '—'}</td>
                  <td className="py-1.5 text-zinc-600">{r.supported && r.nextRunAt ? formatDate(r.nextRunAt) : '—'}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </Panel>
  )
}
