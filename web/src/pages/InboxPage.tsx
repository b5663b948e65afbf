import * as React from 'react'
import { Link } from 'react-router'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Ban, ExternalLink, Inbox, Keyboard, RotateCcw, Search, Send, Sparkles } from 'lucide-react'
import { client, data, errorMessage } from '@/lib/api'
import { canEdit, type User } from '@/lib/model'
import { usePlatformName, usePlatforms } from '@/lib/descriptors'
import { useCharacters } from '@/lib/queries'
import {
  drafting,
  groupByThread,
  inboxCountKey,
  inboxItemKey,
  inboxKey,
  matchesFilter,
  replyOutcome,
  useInbox,
  useInboxItem,
  visibleOrder,
  type InboxDetail,
  type InboxItem,
  type InboxState,
} from '@/lib/inbox'
import { step } from '@/lib/list'
import { cn, timeAgo } from '@/lib/utils'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { CharacterAvatar } from '@/components/ui/avatar'
import { EmptyState } from '@/components/ui/empty-state'
import { Input } from '@/components/ui/input'
import { PlatformIcon } from '@/components/ui/platform-icon'
import { Select } from '@/components/ui/select'
import { Skeleton } from '@/components/ui/skeleton'
import { Textarea } from '@/components/ui/textarea'
import { useToast } from '@/components/ui/toast'
import { PageHeader } from '@/components/layout/PageHeader'
import { ShortcutHelp, useListKeys, type Shortcut } from '@/components/layout/ListShortcuts'
import { FormAlert } from './AuthShell'

const STATES: { value: InboxState; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'answered', label: 'Answered' },
  { value: 'dismissed', label: 'Dismissed' },
]
const ALL = '_all'
const SHORTCUTS: Shortcut[] = [
  ['j', 'next'],
  ['k', 'previous'],
  ['Enter', 'write a reply'],
  ['g', 'draft replies'],
  ['1–3', 'use a draft'],
  ['d', 'dismiss'],
  ['o', 'reopen'],
  ['?', 'show or hide this'],
]

/** What people said to the characters, by conversation, with drafts and replies that go through review. */
export function InboxPage({ user }: { user: User }) {
  const qc = useQueryClient()
  const toast = useToast()
  const editor = canEdit(user.role)
  const characters = useCharacters()
  const platforms = usePlatforms()
  const platformName = usePlatformName()
  const [characterId, setCharacterId] = React.useState('')
  const [platform, setPlatform] = React.useState('')
  const [state, setState] = React.useState<InboxState>('open')
  const [search, setSearch] = React.useState('')
  const [q, setQ] = React.useState('')
  React.useEffect(() => {
    const t = setTimeout(() => setQ(search), 300)
    return () => clearTimeout(t)
  }, [search])
  const list = useInbox({ characterId, platform, state, q })
  // What the list shows always matches the filter as it is now: the previous answer stays on screen while the next
  // loads (and while the search waits for typing to pause), narrowed to the items the new filter keeps.
  const conversations = React.useMemo(
    () => groupByThread((list.data?.items ?? []).filter((i) => matchesFilter(i, { characterId, platform, state, q: search }))),
    [list.data, characterId, platform, state, search],
  )
  const settling = list.isPlaceholderData || search !== q
  const order = React.useMemo(() => visibleOrder(conversations), [conversations])
  const [currentId, setCurrentId] = React.useState<string | null>(null)
  const current = order.find((i) => i.id === currentId) ?? order[0]
  const [problem, setProblem] = React.useState<string | null>(null)
  const replyBox = React.useRef<HTMLTextAreaElement>(null)
  const characterOf = (id: string) => characters.data?.find((c) => c.id === id)

  const refresh = () => {
    qc.invalidateQueries({ queryKey: inboxKey })
    qc.invalidateQueries({ queryKey: inboxCountKey })
  }
  const triage = useMutation({
    mutationFn: ({ item, action }: { item: InboxItem; action: 'dismiss' | 'reopen' }) =>
      action === 'dismiss'
        ? data(client.POST('/api/v1/inbox/{id}/dismiss', { params: { path: { id: item.id } } }))
        : data(client.POST('/api/v1/inbox/{id}/reopen', { params: { path: { id: item.id } } })),
    onMutate: () => setProblem(null),
    onSuccess: (_, { item, action }) => {
      if (item.id === current?.id) setCurrentId(step(order, item.id, 1)?.id === item.id ? (step(order, item.id, -1)?.id ?? null) : (step(order, item.id, 1)?.id ?? null))
      refresh()
      toast.success(action === 'dismiss' ? 'Dismissed' : 'Reopened')
    },
    onError: (e) => setProblem(errorMessage(e)),
  })

  const { help, toggleHelp } = useListKeys({
    items: order,
    current,
    select: setCurrentId,
    row: (id) => `[data-testid="inbox-item"][data-item-id="${CSS.escape(id)}"]`,
    onKey: (key, cur) => {
      if (!editor) return false
      if (key === 'Enter') replyBox.current?.focus()
      else if (key === 'd' && cur.state !== 'dismissed') triage.mutate({ item: cur, action: 'dismiss' })
      else if (key === 'o' && cur.state !== 'open') triage.mutate({ item: cur, action: 'reopen' })
      else if (key === 'g') document.querySelector<HTMLButtonElement>('[data-testid="inbox-draft"]')?.click()
      else if (['1', '2', '3'].includes(key)) document.querySelector<HTMLButtonElement>(`[data-testid="inbox-use-draft"][data-index="${Number(key) - 1}"]`)?.click()
      else return false
      return true
    },
  })

  const platformOptions = [
    { value: ALL, label: 'All platforms' },
    ...(platforms.data ?? []).filter((p) => (p.inbox?.kinds ?? []).length > 0).map((p) => ({ value: p.type, label: p.displayName })),
  ]

  return (
    <div>
      <PageHeader
        title="Inbox"
        description="Replies, comments and mentions addressed to your characters. Answers go through review unless the channel auto-approves replies."
        actions={
          <Button variant="ghost" size="sm" onClick={toggleHelp} aria-expanded={help} data-testid="inbox-shortcuts">
            <Keyboard /> Shortcuts
          </Button>
        }
      />
      <div className="mb-4 flex flex-wrap items-center gap-2" data-testid="inbox-filters">
        <div className="w-52">
          <Select
            aria-label="Character"
            data-testid="inbox-filter-character"
            value={characterId || ALL}
            onValueChange={(v) => setCharacterId(v === ALL ? '' : v)}
            options={[{ value: ALL, label: 'All characters' }, ...(characters.data ?? []).map((c) => ({ value: c.id, label: c.name }))]}
          />
        </div>
        <div className="w-44">
          <Select
            aria-label="Platform"
            data-testid="inbox-filter-platform"
            value={platform || ALL}
            onValueChange={(v) => setPlatform(v === ALL ? '' : v)}
            options={platformOptions}
          />
        </div>
        <div className="flex rounded-md border border-zinc-200 bg-white p-0.5" role="tablist" aria-label="State">
          {STATES.map((s) => (
            <button
              key={s.value}
              type="button"
              role="tab"
              aria-selected={state === s.value}
              data-testid={`inbox-state-${s.value}`}
              onClick={() => setState(s.value)}
              className={cn('rounded px-3 py-1 text-sm font-medium', state === s.value ? 'bg-violet-600 text-white' : 'text-zinc-600 hover:bg-zinc-100')}
            >
              {s.label}
              {s.value === 'open' && list.data ? ` · ${list.data.openCount}` : ''}
            </button>
          ))}
        </div>
        <div className="relative min-w-48 flex-1">
          <Search className="pointer-events-none absolute left-2.5 top-2.5 size-4 text-zinc-400" />
          <Input aria-label="Search" data-testid="inbox-search" placeholder="Search text or author" className="pl-8" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
      </div>
      {help && <ShortcutHelp shortcuts={SHORTCUTS} testId="inbox-help" />}
      {problem && (
        <div className="mb-4">
          <FormAlert title="Not done">{problem}</FormAlert>
        </div>
      )}
      {list.isPending || (order.length === 0 && settling) ? (
        <div className="grid gap-6 lg:grid-cols-[24rem_minmax(0,1fr)]">
          <Skeleton className="h-96" />
          <Skeleton className="h-96" />
        </div>
      ) : list.isError ? (
        <FormAlert>{errorMessage(list.error)}</FormAlert>
      ) : order.length === 0 ? (
        <EmptyState icon={<Inbox />} title={state === 'open' ? 'Nothing waiting for an answer' : `Nothing ${state}`}>
          What people say to your characters on channels with an inbox appears here. Turn a channel’s inbox on under{' '}
          <Link to="/channels" className="text-violet-700 underline">
            Channels
          </Link>
          .
        </EmptyState>
      ) : (
        <div className="grid items-start gap-6 lg:grid-cols-[24rem_minmax(0,1fr)]">
          <Card className="overflow-hidden">
            <ul className="max-h-[72vh] overflow-y-auto" aria-label="Conversations" aria-busy={settling || undefined} data-testid="inbox-list">
              {conversations.map((c) => {
                const first = c.items[0]!
                const character = characterOf(first.characterId)
                return (
                  <li key={c.key} data-testid="inbox-conversation" className="border-b border-zinc-100 last:border-b-0">
                    <div className="flex items-center gap-2 bg-zinc-50 px-3 py-1.5 text-xs text-zinc-500">
                      <PlatformIcon platform={first.platform} className="size-4" />
                      <CharacterAvatar name={character?.name ?? '?'} assetId={character?.avatarAssetId} className="size-4 rounded" textClassName="text-[8px]" />
                      <span className="truncate">{character?.name ?? 'Unknown character'}</span>
                      <span className="ml-auto shrink-0">{c.items.length > 1 ? `${c.items.length} messages` : platformName(first.platform)}</span>
                    </div>
                    <ul>
                      {c.items.map((i) => {
                        const active = i.id === current?.id
                        return (
                          <li
                            key={i.id}
                            data-testid="inbox-item"
                            data-item-id={i.id}
                            data-state={i.state}
                            aria-current={active || undefined}
                            onClick={() => setCurrentId(i.id)}
                            className={cn('cursor-pointer px-3 py-2.5 transition-colors', active ? 'bg-violet-50' : 'hover:bg-zinc-50')}
                          >
                            <div className="flex items-center gap-2 text-xs">
                              <span className="truncate font-medium text-zinc-800">{i.author.displayName || i.author.handle}</span>
                              <span className="truncate text-zinc-400">{i.author.handle}</span>
                              <span className="ml-auto shrink-0 text-zinc-400">{timeAgo(i.createdAt)}</span>
                            </div>
                            <p className="mt-0.5 line-clamp-2 text-sm text-zinc-700">{i.text}</p>
                            <div className="mt-1 flex gap-1">
                              <Badge variant="secondary">{i.kind}</Badge>
                              {i.flags.map((f) => (
                                <Badge key={f.kind + f.reason} variant="warning" title={f.reason}>
                                  {f.kind}
                                </Badge>
                              ))}
                            </div>
                          </li>
                        )
                      })}
                    </ul>
                  </li>
                )
              })}
            </ul>
          </Card>
          {current && (
            <InboxDetailPane
              key={current.id}
              item={current}
              editor={editor}
              replyBox={replyBox}
              characterName={characterOf(current.characterId)?.name}
              busy={triage.isPending}
              onDismiss={() => triage.mutate({ item: current, action: 'dismiss' })}
              onReopen={() => triage.mutate({ item: current, action: 'reopen' })}
              onAnswered={refresh}
            />
          )}
        </div>
      )}
    </div>
  )
}

function InboxDetailPane({
  item,
  editor,
  replyBox,
  characterName,
  busy,
  onDismiss,
  onReopen,
  onAnswered,
}: {
  item: InboxItem
  editor: boolean
  replyBox: React.RefObject<HTMLTextAreaElement | null>
  characterName: string | undefined
  busy: boolean
  onDismiss: () => void
  onReopen: () => void
  onAnswered: () => void
}) {
  const qc = useQueryClient()
  const toast = useToast()
  const detail = useInboxItem(item.id)
  const [text, setText] = React.useState('')
  const [error, setError] = React.useState<string | null>(null)
  const d = detail.data as InboxDetail | undefined

  const draft = useMutation({
    mutationFn: () => data(client.POST('/api/v1/inbox/{id}/drafts', { params: { path: { id: item.id } } })),
    onMutate: () => setError(null),
    onSuccess: () => qc.invalidateQueries({ queryKey: inboxItemKey(item.id) }),
    onError: (e) => setError(errorMessage(e)),
  })
  const reply = useMutation({
    mutationFn: (body: string) => data(client.POST('/api/v1/inbox/{id}/reply', { params: { path: { id: item.id } }, body: { text: body } })),
    onMutate: () => setError(null),
    onSuccess: (r) => {
      const outcome = replyOutcome(r)
      toast.success(outcome.title, outcome.detail)
      setText('')
      qc.invalidateQueries({ queryKey: inboxItemKey(item.id) })
      onAnswered()
    },
    onError: (e) => setError(errorMessage(e)),
  })

  return (
    <Card className="p-6" data-testid="inbox-detail" data-item-id={item.id}>
      <div className="flex flex-wrap items-start gap-3">
        <PlatformIcon platform={item.platform} className="size-9 rounded-lg" />
        <div className="min-w-0 flex-1">
          <h2 className="text-base font-semibold text-zinc-900">
            {item.author.url ? (
              <a href={item.author.url} target="_blank" rel="noreferrer" className="hover:underline">
                {item.author.displayName || item.author.handle}
              </a>
            ) : (
              item.author.displayName || item.author.handle
            )}{' '}
            <span className="text-sm font-normal text-zinc-500">
              {item.kind} to {characterName ?? 'the character'} · {timeAgo(item.createdAt)}
            </span>
          </h2>
          <p className="text-xs text-zinc-500">{item.author.handle}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          {item.url && (
            <Button variant="ghost" size="sm" asChild>
              <a href={item.url} target="_blank" rel="noreferrer">
                <ExternalLink /> Open
              </a>
            </Button>
          )}
          {editor &&
            (item.state === 'dismissed' || item.state === 'answered' ? (
              <Button variant="outline" size="sm" disabled={busy} onClick={onReopen} data-testid="inbox-reopen">
                <RotateCcw /> Reopen
              </Button>
            ) : (
              <Button variant="outline" size="sm" disabled={busy} onClick={onDismiss} data-testid="inbox-dismiss">
                <Ban /> Dismiss
              </Button>
            ))}
        </div>
      </div>
      <blockquote className="mt-4 whitespace-pre-wrap rounded-lg border-l-4 border-violet-300 bg-violet-50/60 px-3 py-2 text-sm text-zinc-900" data-testid="inbox-text">
        {item.text}
      </blockquote>
      {item.flags.length > 0 && (
        <div className="mt-3 grid gap-1" data-testid="inbox-flags">
          {item.flags.map((f) => (
            <p key={f.kind + f.reason} className="rounded-md border border-amber-200 bg-amber-50 px-2.5 py-1.5 text-xs text-amber-900">
              <span className="font-semibold">{f.kind}:</span> {f.reason}
            </p>
          ))}
        </div>
      )}

      {d?.original && (
        <section className="mt-5 grid gap-1.5" data-testid="inbox-original">
          <h3 className="text-xs font-semibold uppercase tracking-wide text-zinc-500">{characterName ?? 'The character'}’s post</h3>
          <div className="rounded-lg border border-zinc-200 bg-zinc-50 p-3 text-sm text-zinc-700">
            <p className="whitespace-pre-wrap">{d.original.text}</p>
            <div className="mt-1 flex gap-3 text-xs">
              <Link to={`/posts/${d.original.postId}`} className="text-violet-700 hover:underline">
                Open the post
              </Link>
              {d.original.url && (
                <a href={d.original.url} target="_blank" rel="noreferrer" className="text-violet-700 hover:underline">
                  On the platform
                </a>
              )}
            </div>
          </div>
        </section>
      )}

      <section className="mt-5 grid gap-2" data-testid="inbox-thread">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-zinc-500">Conversation</h3>
        {detail.isPending ? (
          <Skeleton className="h-20" />
        ) : detail.isError ? (
          <p className="text-sm text-zinc-500">{errorMessage(detail.error)}</p>
        ) : (
          <ol className="grid gap-2">
            {(d?.thread ?? []).map((t, i) => {
              const self = t.itemId === item.id
              return (
                <li key={`${t.remoteId}-${i}`} className={cn('rounded-lg border p-2.5 text-sm', self ? 'border-violet-300 bg-violet-50' : 'border-zinc-200 bg-white')}>
                  <div className="text-xs text-zinc-500">
                    <span className="font-medium text-zinc-700">{t.author?.displayName || t.author?.handle}</span> · {timeAgo(t.createdAt)}
                  </div>
                  <p className="mt-0.5 whitespace-pre-wrap text-zinc-800">{t.text}</p>
                </li>
              )
            })}
          </ol>
        )}
      </section>

      {editor && (
        <section className="mt-6 grid gap-3">
          <div className="flex items-center justify-between">
            <h3 className="text-sm font-semibold text-zinc-900">Answer</h3>
            <Button variant="outline" size="sm" onClick={() => draft.mutate()} disabled={draft.isPending || drafting(d)} data-testid="inbox-draft">
              <Sparkles /> {drafting(d) ? 'Drafting…' : (d?.drafts ?? []).length ? 'Draft again' : 'Draft replies'}
            </Button>
          </div>
          {d?.draftJob?.error && <FormAlert title="Drafting failed">{d.draftJob.error}</FormAlert>}
          {(d?.drafts ?? []).length > 0 && (
            <div className="grid gap-3 md:grid-cols-3" data-testid="inbox-drafts">
              {d!.drafts.map((draftItem, i) => (
                <div key={draftItem.id} className="flex flex-col rounded-lg border border-zinc-200 bg-white p-3" data-testid="inbox-draft-card">
                  <p className="flex-1 whitespace-pre-wrap text-sm text-zinc-800">{draftItem.text}</p>
                  {draftItem.flags.map((f) => (
                    <p key={f.kind + f.reason} className="mt-1 text-xs text-amber-800">
                      {f.kind}: {f.reason}
                    </p>
                  ))}
                  <div className="mt-2 flex gap-1">
                    <Button
                      size="sm"
                      data-testid="inbox-use-draft"
                      data-index={i}
                      onClick={() => {
                        setText(draftItem.text)
                        replyBox.current?.focus()
                      }}
                    >
                      Use this
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => {
                        setText(draftItem.text)
                        requestAnimationFrame(() => {
                          replyBox.current?.focus()
                          replyBox.current?.setSelectionRange(draftItem.text.length, draftItem.text.length)
                        })
                      }}
                    >
                      Edit
                    </Button>
                  </div>
                </div>
              ))}
            </div>
          )}
          {error && <FormAlert>{error}</FormAlert>}
          {item.replyPostId && (
            <p className="text-xs text-zinc-500" data-testid="inbox-answered">
              Answered:{' '}
              <Link to={`/posts/${item.replyPostId}`} className="text-violet-700 hover:underline">
                open the reply post
              </Link>
            </p>
          )}
          <form
            className="grid gap-2"
            onSubmit={(e) => {
              e.preventDefault()
              if (!text.trim()) return setError('Write a reply first.')
              reply.mutate(text.trim())
            }}
          >
            <Textarea
              ref={replyBox}
              aria-label="Reply"
              data-testid="inbox-reply-text"
              rows={4}
              value={text}
              placeholder={`Reply as ${characterName ?? 'the character'}…`}
              onChange={(e) => setText(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) e.currentTarget.form?.requestSubmit()
                if (e.key === 'Escape') e.currentTarget.blur()
              }}
            />
            <div className="flex items-center justify-between text-xs text-zinc-500">
              <span>Ctrl+Enter sends · Esc leaves the box</span>
              <Button type="submit" size="sm" disabled={reply.isPending} data-testid="inbox-send">
                <Send /> {reply.isPending ? 'Sending…' : 'Send reply'}
              </Button>
            </div>
          </form>
        </section>
      )}
    </Card>
  )
}
