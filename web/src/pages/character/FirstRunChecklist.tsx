import { Link } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import { CheckCircle2, Circle } from 'lucide-react'
import { client } from '@/lib/api'
import { postsKey, useBackends, useChannels, useCharacters } from '@/lib/queries'
import { Card } from '@/components/ui/card'
import { cn } from '@/lib/utils'

/** Whether anyone has written a post yet (one row is enough). */
function useAnyPost() {
  return useQuery({
    queryKey: [...postsKey, 'any'],
    queryFn: async () => {
      const { data } = await client.GET('/api/v1/posts', { params: { query: { limit: 1 } } })
      return (data ?? []).length > 0
    },
    staleTime: 30_000,
  })
}

/**
 * The four steps from a fresh studio to a first post, on the Characters page until all four are done.
 * Each step links to where it is done; nothing is shown while the answers are still loading.
 */
export function FirstRunChecklist() {
  const characters = useCharacters()
  const channels = useChannels('')
  const backends = useBackends()
  const anyPost = useAnyPost()
  if (characters.isPending || channels.isPending || backends.isPending || anyPost.isPending) return null
  const steps = [
    { done: (characters.data?.length ?? 0) > 0, label: 'Import or create a character', to: '/characters/import', action: 'Import a card', testid: 'checklist-character' },
    { done: (channels.data?.length ?? 0) > 0, label: 'Connect a channel', to: '/channels', action: 'Open Channels', testid: 'checklist-channel' },
    { done: (backends.data?.length ?? 0) > 0, label: 'Add a generation server', to: '/system/backends', action: 'Open System', testid: 'checklist-backend' },
    { done: anyPost.data === true, label: 'Write the first post', to: '/posts/new', action: 'New post', testid: 'checklist-post' },
  ]
  const left = steps.filter((s) => !s.done).length
  if (left === 0) return null
  return (
    <Card className="mb-6 p-5" data-testid="first-run-checklist">
      <section aria-labelledby="first-run-title">
        <h2 id="first-run-title" className="text-base font-semibold text-zinc-900">
          Get started
        </h2>
        <p className="mt-1 text-sm text-zinc-600">
          {left} of {steps.length} steps left. This list goes away once they are done.
        </p>
        <ol className="mt-4 grid gap-2 sm:grid-cols-2">
          {steps.map((s) => (
            <li
              key={s.label}
              data-testid={s.testid}
              data-done={s.done}
              className={cn('flex items-center gap-3 rounded-lg border px-3 py-2.5 text-sm', s.done ? 'border-emerald-200 bg-emerald-50' : 'border-zinc-200')}
            >
              {s.done ? <CheckCircle2 className="size-5 shrink-0 text-emerald-600" aria-hidden="true" /> : <Circle className="size-5 shrink-0 text-zinc-400" aria-hidden="true" />}
              <span className={cn('flex-1', s.done ? 'text-emerald-900' : 'text-zinc-900')}>
                {s.label}
                <span className="sr-only">{s.done ? ' (done)' : ' (to do)'}</span>
              </span>
              {!s.done && (
                <Link to={s.to} className="shrink-0 font-medium text-violet-700 hover:underline">
                  {s.action}
                </Link>
              )}
            </li>
          ))}
        </ol>
      </section>
    </Card>
  )
}
