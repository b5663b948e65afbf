import * as React from 'react'
import { Link, useSearchParams } from 'react-router'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Check, ListChecks, ListPlus, Plus, Search, Trash2, X } from 'lucide-react'
import { client, del, errorMessage, post as postJson, ProblemError, thumbnailUrl } from '@/lib/api'
import { canEdit, canReview, type BulkResult, type Post, type PostState, type User } from '@/lib/model'
import { formatInZone, POST_STATE_LABEL } from '@/lib/publishing'
import { postsKey, useChannels, useCharacters } from '@/lib/queries'
import { cn, excerpt, plural } from '@/lib/utils'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { EmptyState } from '@/components/ui/empty-state'
import { Input } from '@/components/ui/input'
import { PlatformIcon } from '@/components/ui/platform-icon'
import { Select } from '@/components/ui/select'
import { Skeleton } from '@/components/ui/skeleton'
import { useToast } from '@/components/ui/toast'
import { PageHeader } from '@/components/layout/PageHeader'
import { FormAlert } from './AuthShell'
import { StateBadge } from './publish/previews'

const PAGE = 50
/** The filter chips, in the order a post moves through them. */
const STATES: PostState[] = ['DRAFT', 'IN_REVIEW', 'APPROVED', 'SCHEDULED', 'PUBLISHED', 'FAILED', 'UNCONFIRMED', 'REJECTED']

interface Filters {
  state: string
  characterId: string
  channelId: string
  q: string
}

/** Every post anyone made, whatever its state: filter, search, act on several at once, open one. */
export function PostsPage({ user }: { user: User }) {
  const [params, setParams] = useSearchParams()
  const filters: Filters = { state: params.get('state') ?? '', characterId: params.get('character') ?? '', channelId: params.get('channel') ?? '', q: params.get('q') ?? '' }
  const [search, setSearch] = React.useState(filters.q)
  const [limit, setLimit] = React.useState(PAGE)
  const [checked, setChecked] = React.useState<Set<string>>(new Set())
  const [problem, setProblem] = React.useState<string | null>(null)
  const [confirmDelete, setConfirmDelete] = React.useState(false)
  const characters = useCharacters()
  const channels = useChannels(filters.characterId)
  const qc = useQueryClient()
  const toast = useToast()

  const setFilter = (name: keyof Filters, value: string) => {
    const next = new URLSearchParams(params)
    const key = name === 'characterId' ? 'character' : name === 'channelId' ? 'channel' : name
    if (value) next.set(key, value)
    else next.delete(key)
    if (name === 'characterId') next.delete('channel')
    setParams(next, { replace: true })
    setLimit(PAGE)
    setChecked(new Set())
  }

  // Search as the person types, a moment after they stop.
  React.useEffect(() => {
    if (search === filters.q) return
    const t = window.setTimeout(() => setFilter('q', search.trim()), 300)
    return () => window.clearTimeout(t)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search])

  const list = useQuery({
    queryKey: [...postsKey, 'list', filters, limit],
    queryFn: async () => {
      const { data, error, response } = await client.GET('/api/v1/posts', {
        params: {
          query: {
            state: filters.state || undefined,
            characterId: filters.characterId || undefined,
            channelId: filters.channelId || undefined,
            q: filters.q || undefined,
            limit,
          },
        },
      })
      if (error !== undefined || !response.ok) throw new ProblemError(response.status, (error ?? {}) as object)
      return { items: (data ?? []) as Post[], total: Number(response.headers.get('X-Total-Count') ?? (data ?? []).length) }
    },
    placeholderData: (prev) => prev,
  })
  const posts = list.data?.items ?? []
  const characterOf = (id: string) => characters.data?.find((c) => c.id === id)
  const allChannels = useChannels('')
  const channelOf = (id: string) => allChannels.data?.find((c) => c.id === id)
  const selected = posts.filter((p) => checked.has(p.id))

  const refresh = () => {
    qc.invalidateQueries({ queryKey: postsKey })
    qc.invalidateQueries({ queryKey: ['calendar'] })
    setChecked(new Set())
  }
  const report = (results: BulkResult[], verb: string) => {
    const ok = results.filter((r) => r.ok).length
    const failed = results.filter((r) => !r.ok)
    if (ok) toast.success(`${verb} ${plural(ok, 'post')}`)
    setProblem(failed.length ? `${plural(failed.length, 'post')} could not be ${verb.toLowerCase()}: ${failed.map((f) => f.error ?? 'refused').join('; ')}` : null)
    refresh()
  }
  /** One request per post for actions without a bulk endpoint; each answer is reported, none stops the rest. */
  const each = async (ids: string[], fn: (id: string) => Promise<unknown>): Promise<BulkResult[]> => {
    const results: BulkResult[] = []
    for (const id of ids) {
      try {
        await fn(id)
        results.push({ id, ok: true, error: '' })
      } catch (e) {
        results.push({ id, ok: false, error: errorMessage(e) })
      }
    }
    return results
  }
  const bulk = useMutation({
    mutationFn: async ({ action, ids }: { action: 'approve' | 'queue' | 'delete'; ids: string[] }) => {
      if (action === 'approve') return { verb: 'Approved', results: await postJson<BulkResult[]>('/api/v1/posts/bulk', { action: 'approve', ids }) }
      if (action === 'queue') return { verb: 'Queued', results: await each(ids, (id) => postJson(`/api/v1/posts/${encodeURIComponent(id)}/queue`)) }
      return { verb: 'Deleted', results: await each(ids, (id) => del(`/api/v1/posts/${encodeURIComponent(id)}`)) }
    },
    onMutate: () => setProblem(null),
    onSuccess: ({ verb, results }) => {
      setConfirmDelete(false)
      report(results, verb)
    },
    onError: (e) => setProblem(errorMessage(e)),
  })
  const ids = (states: PostState[]) => selected.filter((p) => states.includes(p.state)).map((p) => p.id)
  const approvable = ids(['IN_REVIEW'])
  const queueable = ids(['APPROVED'])
  const deletable = ids(['DRAFT', 'REJECTED', 'APPROVED', 'FAILED', 'IN_REVIEW'])

  const characterOptions = [{ value: 'all', label: 'All characters' }, ...(characters.data ?? []).map((c) => ({ value: c.id, label: c.name }))]
  const channelOptions = [{ value: 'all', label: 'All channels' }, ...(channels.data ?? []).map((c) => ({ value: c.id, label: c.name }))]

  return (
    <div>
      <PageHeader
        title="Posts"
        description="Everything written in this studio, whatever its state."
        actions={
          canEdit(user.role) && (
            <Button asChild>
              <Link to="/posts/new" data-testid="posts-new">
                <Plus /> New post
              </Link>
            </Button>
          )
        }
      />

      <div className="mb-4 grid gap-3">
        <div className="flex flex-wrap gap-1.5" role="group" aria-label="Filter by state">
          {[{ value: '', label: 'All' }, ...STATES.map((s) => ({ value: s, label: POST_STATE_LABEL[s] }))].map((o) => (
            <button
              key={o.value || 'all'}
              type="button"
              aria-pressed={filters.state === o.value}
              data-testid="posts-state-filter"
              data-state={o.value}
              onClick={() => setFilter('state', o.value)}
              className={cn(
                'rounded-full border px-3 py-1 text-xs font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500',
                filters.state === o.value ? 'border-violet-600 bg-violet-600 text-white' : 'border-zinc-300 bg-white text-zinc-700 hover:bg-zinc-50',
              )}
            >
              {o.label}
            </button>
          ))}
        </div>
        <div className="grid gap-2 sm:grid-cols-[minmax(0,1fr)_12rem_12rem]">
          <div className="relative">
            <Search className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-zinc-400" aria-hidden="true" />
            <Input
              type="search"
              aria-label="Search captions"
              placeholder="Search captions"
              className="pl-8"
              data-testid="posts-search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </div>
          <Select
            aria-label="Character"
            value={filters.characterId || 'all'}
            onValueChange={(v) => setFilter('characterId', v === 'all' ? '' : v)}
            options={characterOptions}
            className="min-w-0"
          />
          <Select
            aria-label="Channel"
            value={filters.channelId || 'all'}
            onValueChange={(v) => setFilter('channelId', v === 'all' ? '' : v)}
            options={channelOptions}
            className="min-w-0"
          />
        </div>
      </div>

      {problem && (
        <div className="mb-4">
          <FormAlert title="Not done">{problem}</FormAlert>
        </div>
      )}

      {list.isPending ? (
        <Skeleton className="h-96" />
      ) : list.isError ? (
        <FormAlert>{errorMessage(list.error)}</FormAlert>
      ) : posts.length === 0 ? (
        <EmptyState
          icon={<ListChecks />}
          title={filters.state || filters.q || filters.characterId ? 'No posts match' : 'No posts yet'}
          action={
            canEdit(user.role) && (
              <Button asChild>
                <Link to="/posts/new">Write the first post</Link>
              </Button>
            )
          }
        >
          {filters.state || filters.q || filters.characterId ? 'Try another filter or search.' : 'Posts appear here from the moment they are saved as drafts.'}
        </EmptyState>
      ) : (
        <Card className="overflow-hidden">
          <div className="flex flex-wrap items-center gap-2 border-b border-zinc-100 px-3 py-2">
            <input
              type="checkbox"
              aria-label="Select all shown posts"
              className="size-4 accent-violet-600"
              checked={selected.length === posts.length}
              onChange={(e) => setChecked(e.target.checked ? new Set(posts.map((p) => p.id)) : new Set())}
            />
            <span className="text-xs text-zinc-500" data-testid="posts-count">
              {selected.length ? `${selected.length} selected` : `${posts.length} of ${plural(list.data?.total ?? posts.length, 'post')}`}
            </span>
            {selected.length > 0 && (
              <div className="ml-auto flex flex-wrap gap-1">
                {canReview(user.role) && approvable.length > 0 && (
                  <Button
                    size="sm"
                    variant="outline"
                    disabled={bulk.isPending}
                    data-testid="posts-bulk-approve"
                    onClick={() => bulk.mutate({ action: 'approve', ids: approvable })}
                  >
                    <Check /> Approve {approvable.length}
                  </Button>
                )}
                {canEdit(user.role) && queueable.length > 0 && (
                  <Button size="sm" variant="outline" disabled={bulk.isPending} data-testid="posts-bulk-queue" onClick={() => bulk.mutate({ action: 'queue', ids: queueable })}>
                    <ListPlus /> Add {queueable.length} to queue
                  </Button>
                )}
                {canEdit(user.role) && deletable.length > 0 && (
                  <Button size="sm" variant="outline" className="text-red-700" disabled={bulk.isPending} data-testid="posts-bulk-delete" onClick={() => setConfirmDelete(true)}>
                    <Trash2 /> Delete {deletable.length}
                  </Button>
                )}
                <Button size="sm" variant="ghost" aria-label="Clear the selection" onClick={() => setChecked(new Set())}>
                  <X />
                </Button>
              </div>
            )}
          </div>
          <ul className="divide-y divide-zinc-100" aria-label="Posts">
            {posts.map((p) => {
              const c = characterOf(p.characterId)
              const when = p.scheduledAt ?? p.updatedAt ?? p.createdAt
              return (
                <li key={p.id} className="flex items-start gap-3 px-3 py-3 hover:bg-zinc-50" data-testid="posts-row" data-post-id={p.id} data-state={p.state}>
                  <input
                    type="checkbox"
                    aria-label={`Select: ${excerpt(p.caption, 40) || 'post without caption'}`}
                    className="mt-1 size-4 shrink-0 accent-violet-600"
                    checked={checked.has(p.id)}
                    onChange={(e) =>
                      setChecked((s) => {
                        const n = new Set(s)
                        if (e.target.checked) n.add(p.id)
                        else n.delete(p.id)
                        return n
                      })
                    }
                  />
                  <Link
                    to={`/posts/${p.id}`}
                    className="flex min-w-0 flex-1 gap-3 rounded focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500"
                    data-testid="posts-open"
                  >
                    {p.media?.[0] ? (
                      <img src={thumbnailUrl(p.media[0].assetId)} alt="" className="size-12 shrink-0 rounded object-cover" />
                    ) : (
                      <span className="size-12 shrink-0 rounded bg-zinc-100" aria-hidden="true" />
                    )}
                    <span className="grid min-w-0 flex-1 gap-1">
                      <span className="line-clamp-2 text-sm text-zinc-900">{p.caption || <span className="italic text-zinc-500">No caption</span>}</span>
                      <span className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-zinc-600">
                        <StateBadge state={p.state} />
                        <span className="min-w-0 max-w-full truncate">{c?.name ?? 'Unknown character'}</span>
                        <span className="inline-flex items-center gap-1">
                          {p.channelIds.map((id) => {
                            const ch = channelOf(id)
                            return ch ? <PlatformIcon key={id} platform={ch.platform} className="size-4 text-[9px] [&_svg]:size-2.5" /> : null
                          })}
                          <span className="sr-only">{p.channelIds.map((id) => channelOf(id)?.name ?? '').join(', ')}</span>
                        </span>
                        <span>
                          {p.scheduledAt ? (p.state === 'PUBLISHED' ? 'Published for ' : 'For ') : 'Updated '}
                          {formatInZone(when, c?.timeZone)}
                        </span>
                      </span>
                    </span>
                  </Link>
                </li>
              )
            })}
          </ul>
          {(list.data?.total ?? 0) > posts.length && (
            <div className="border-t border-zinc-100 p-3 text-center">
              <Button variant="outline" size="sm" disabled={list.isFetching} onClick={() => setLimit((l) => l + PAGE)} data-testid="posts-more">
                {list.isFetching ? 'Loading…' : 'Show more'}
              </Button>
            </div>
          )}
        </Card>
      )}

      <ConfirmDialog
        open={confirmDelete}
        onOpenChange={setConfirmDelete}
        title={`Delete ${plural(deletable.length, 'post')}?`}
        description="The posts and their channel texts are removed. Generated images stay in the Studio. Scheduled posts are kept: unschedule them first."
        confirmLabel="Delete"
        pending={bulk.isPending}
        onConfirm={() => bulk.mutate({ action: 'delete', ids: deletable })}
      />
    </div>
  )
}
