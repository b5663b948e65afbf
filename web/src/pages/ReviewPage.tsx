import * as React from 'react'
import { Link, useNavigate } from 'react-router'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { CalendarClock, Check, ClipboardCheck, Keyboard, ListPlus, Pencil, RefreshCw, X } from 'lucide-react'
import { errorMessage, mediaUrl, thumbnailUrl } from '@/lib/api'
import { canEdit, canReview, type BulkResult, type Channel, type Character, type LoreUse, type Post, type User } from '@/lib/model'
import { approveBlock, personName } from '@/lib/publishing'
import { postKey, postsKey, useChannels, useCharacters } from '@/lib/queries'
import { cn, excerpt, plural, timeAgo } from '@/lib/utils'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { CharacterAvatar } from '@/components/ui/avatar'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { EmptyState } from '@/components/ui/empty-state'
import { Field } from '@/components/ui/field'
import { PlatformIcon } from '@/components/ui/platform-icon'
import { Skeleton } from '@/components/ui/skeleton'
import { Textarea } from '@/components/ui/textarea'
import { useToast } from '@/components/ui/toast'
import { PageHeader } from '@/components/layout/PageHeader'
import { ShortcutHelp, useListKeys, type Shortcut } from '@/components/layout/ListShortcuts'
import { FormAlert } from './AuthShell'
import { LoreUsed } from './studio/lore'
import { FaceBadge, useFaceChecks } from './studio/face'
import { ChannelPreview, channelText } from './publish/previews'
import { reviewKey, useReviewQueue } from '@/lib/queries'
import { client, data, post as postJson } from '@/lib/api'
import { ScheduleDialog } from './publish/ScheduleDialog'
import { formatInZone } from '@/lib/publishing'
import { useStudioSettings } from './SettingsPage'

/** What follows an approval: a time (in the character's zone) or each channel's next queue slot. */
type Then = { kind: 'schedule'; at: string } | { kind: 'queue' }

const SHORTCUTS: Shortcut[] = [
  ['j', 'next'],
  ['k', 'previous'],
  ['a', 'approve'],
  ['r', 'reject'],
  ['e', 'edit'],
  ['?', 'show or hide this'],
]

export function ReviewPage({ user }: { user: User }) {
  const qc = useQueryClient()
  const toast = useToast()
  const navigate = useNavigate()
  const queue = useReviewQueue()
  const characters = useCharacters()
  const channels = useChannels('')
  const posts = React.useMemo(() => queue.data ?? [], [queue.data])
  const [currentId, setCurrentId] = React.useState<string | null>(null)
  const [checked, setChecked] = React.useState<Set<string>>(new Set())
  const [rejecting, setRejecting] = React.useState<{ ids: string[] } | null>(null)
  const [problem, setProblem] = React.useState<string | null>(null)
  const [scheduling, setScheduling] = React.useState<Post | null>(null)

  const index = Math.max(
    0,
    posts.findIndex((p) => p.id === currentId),
  )
  const current = posts[index]
  const characterOf = (id: string) => characters.data?.find((c) => c.id === id)
  const reviewer = canReview(user.role)
  // the studio's rule for owners approving their own posts (only owners read the settings; it concerns only them)
  const settings = useStudioSettings(user.role === 'OWNER')
  const blockOf = (p: Post) => approveBlock(user, p, settings.data?.ownerSelfApproval)

  // Keep the selection on a post that is still in the queue.
  React.useEffect(() => {
    setChecked((s) => {
      const ids = new Set(posts.map((p) => p.id))
      const next = new Set([...s].filter((x) => ids.has(x)))
      return next.size === s.size ? s : next
    })
  }, [posts])

  const done = (ids: string[]) => {
    const gone = new Set(ids)
    const rest = posts.filter((p) => !gone.has(p.id))
    // Move on to the post after the current one.
    if (current && gone.has(current.id)) {
      const after = posts.slice(index + 1).find((p) => !gone.has(p.id)) ?? rest[rest.length - 1]
      setCurrentId(after?.id ?? null)
    }
    qc.setQueryData<Post[]>(reviewKey, rest)
    for (const id of ids) qc.invalidateQueries({ queryKey: postKey(id) })
    qc.invalidateQueries({ queryKey: postsKey })
    qc.invalidateQueries({ queryKey: ['calendar'] })
  }

  // Approve, then (for editors and owners) schedule at a time or add to each channel's queue right away.
  const approve = useMutation({
    mutationFn: async ({ post: p, then }: { post: Post; then?: Then }): Promise<Post> => {
      const approved = await data(client.POST('/api/v1/posts/{id}/approve', { params: { path: { id: p.id } }, body: {} }))
      if (!then) return approved
      done([p.id])
      try {
        return await postJson<Post>(`/api/v1/posts/${encodeURIComponent(p.id)}/${then.kind}`, then.kind === 'schedule' ? { at: then.at } : undefined)
      } catch (e) {
        throw new Error(`Approved, but not scheduled: ${errorMessage(e)} Schedule it from the post or the calendar's tray.`, { cause: e })
      }
    },
    onMutate: () => setProblem(null),
    onSuccess: (result, { post: p }) => {
      done([p.id])
      setScheduling(null)
      const zone = characterOf(p.characterId)?.timeZone
      const title = result.state === 'SCHEDULED' ? `Approved and scheduled for ${formatInZone(result.scheduledAt, zone)}` : 'Approved'
      toast.success(title, excerpt(p.caption, 60), { label: 'Open the post', to: `/posts/${p.id}` })
    },
    onError: (e) => {
      setScheduling(null)
      setProblem(errorMessage(e))
    },
  })
  const reject = useMutation({
    mutationFn: async ({ ids, comment }: { ids: string[]; comment: string }) => {
      if (ids.length === 1) {
        await data(client.POST('/api/v1/posts/{id}/reject', { params: { path: { id: ids[0]! } }, body: { comment } }))
        return [{ id: ids[0]!, ok: true }] as BulkResult[]
      }
      return data(client.POST('/api/v1/posts/bulk', { body: { action: 'reject', ids, comment } }))
    },
    onSuccess: (results) => {
      report(results, 'Rejected')
      setRejecting(null)
    },
  })
  const bulkApprove = useMutation({
    mutationFn: (ids: string[]) => data(client.POST('/api/v1/posts/bulk', { body: { action: 'approve', ids } })),
    onMutate: () => setProblem(null),
    onSuccess: (results) => report(results, 'Approved'),
    onError: (e) => setProblem(errorMessage(e)),
  })

  const report = (results: BulkResult[], verb: string) => {
    const ok = (results ?? []).filter((r) => r.ok).map((r) => r.id)
    const failed = (results ?? []).filter((r) => !r.ok)
    done(ok)
    setChecked(new Set(failed.map((f) => f.id)))
    if (ok.length) toast.success(`${verb} ${plural(ok.length, 'post')}`)
    if (failed.length) setProblem(`${plural(failed.length, 'post')} could not be ${verb.toLowerCase()}: ${failed.map((f) => f.error ?? 'refused').join('; ')}`)
  }

  const busy = approve.isPending || reject.isPending || bulkApprove.isPending

  // Keyboard: j/k move, a approves, r rejects, e edits, ? shows the keys.
  const { help, toggleHelp } = useListKeys({
    items: posts,
    current,
    select: setCurrentId,
    row: (id) => `[data-testid="review-item"][data-post-id="${CSS.escape(id)}"]`,
    onKey: (key, cur) => {
      if (busy) return false
      if (key === 'a') {
        const block = blockOf(cur)
        if (block) setProblem(block)
        else approve.mutate({ post: cur })
      } else if (key === 'r' && reviewer) setRejecting({ ids: [cur.id] })
      else if (key === 'e' && canEdit(user.role)) navigate(`/posts/${cur.id}`)
      else return false
      return true
    },
  })

  const checkedIds = posts.filter((p) => checked.has(p.id)).map((p) => p.id)

  return (
    <div>
      <PageHeader
        title="Review"
        description="Posts waiting for approval before they can be scheduled."
        actions={
          <Button variant="ghost" size="sm" onClick={toggleHelp} aria-expanded={help} data-testid="review-shortcuts">
            <Keyboard /> Shortcuts
          </Button>
        }
      />
      {help && <ShortcutHelp shortcuts={SHORTCUTS} testId="review-help" />}
      {problem && (
        <div className="mb-4">
          <FormAlert title="Not done">{problem}</FormAlert>
        </div>
      )}

      {queue.isPending ? (
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-[22rem_minmax(0,1fr)]">
          <Skeleton className="h-96" />
          <Skeleton className="h-96" />
        </div>
      ) : queue.isError ? (
        <FormAlert>{errorMessage(queue.error)}</FormAlert>
      ) : posts.length === 0 ? (
        <EmptyState
          icon={<ClipboardCheck />}
          title="Nothing to review"
          action={
            canEdit(user.role) && (
              <Button asChild>
                <Link to="/posts/new">New post</Link>
              </Button>
            )
          }
        >
          Posts submitted for review appear here.
        </EmptyState>
      ) : (
        <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[22rem_minmax(0,1fr)]">
          <Card className="overflow-hidden">
            <div className="flex items-center gap-2 border-b border-zinc-100 px-3 py-2">
              <input
                type="checkbox"
                aria-label="Select all"
                className="size-4 accent-violet-600"
                checked={checkedIds.length === posts.length}
                ref={(el) => {
                  if (el) el.indeterminate = checkedIds.length > 0 && checkedIds.length < posts.length
                }}
                onChange={(e) => setChecked(e.target.checked ? new Set(posts.map((p) => p.id)) : new Set())}
              />
              <span className="text-xs text-zinc-500">{checkedIds.length ? `${checkedIds.length} selected` : plural(posts.length, 'post')}</span>
              {checkedIds.length > 0 && reviewer && (
                <div className="ml-auto flex gap-1">
                  <Button size="sm" variant="outline" disabled={busy} data-testid="review-bulk-approve" onClick={() => bulkApprove.mutate(checkedIds)}>
                    <Check /> Approve
                  </Button>
                  <Button size="sm" variant="outline" disabled={busy} data-testid="review-bulk-reject" onClick={() => setRejecting({ ids: checkedIds })}>
                    <X /> Reject
                  </Button>
                </div>
              )}
            </div>
            <ul className="max-h-[70vh] divide-y divide-zinc-100 overflow-y-auto" aria-label="Posts in review">
              {posts.map((p) => {
                const c = characterOf(p.characterId)
                const active = p.id === current?.id
                return (
                  <li
                    key={p.id}
                    data-testid="review-item"
                    data-post-id={p.id}
                    onClick={() => setCurrentId(p.id)}
                    className={cn('flex cursor-pointer gap-3 px-3 py-3 transition-colors', active ? 'bg-violet-50' : 'hover:bg-zinc-50')}
                  >
                    <input
                      type="checkbox"
                      aria-label="Select post"
                      className="mt-1 size-4 shrink-0 accent-violet-600"
                      checked={checked.has(p.id)}
                      onClick={(e) => e.stopPropagation()}
                      onChange={(e) =>
                        setChecked((s) => {
                          const n = new Set(s)
                          if (e.target.checked) n.add(p.id)
                          else n.delete(p.id)
                          return n
                        })
                      }
                    />
                    <button
                      type="button"
                      data-testid="review-open"
                      aria-current={active || undefined}
                      aria-label={`${c?.name ?? 'Unknown character'}: ${excerpt(p.caption, 80) || 'no caption'}`}
                      onClick={() => setCurrentId(p.id)}
                      className="min-w-0 flex-1 rounded text-left focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500"
                    >
                      <span className="flex items-center gap-2 text-xs text-zinc-500">
                        <CharacterAvatar name={c?.name ?? '?'} assetId={c?.avatarAssetId} className="size-5 rounded" textClassName="text-[10px]" />
                        <span className="truncate font-medium text-zinc-700">{c?.name ?? 'Unknown character'}</span>
                        <span className="ml-auto shrink-0">{timeAgo(p.updatedAt ?? p.createdAt)}</span>
                      </span>
                      <span className="mt-1 line-clamp-2 text-sm text-zinc-800">{p.caption || <span className="italic text-zinc-400">No caption</span>}</span>
                    </button>
                    {p.media?.[0] && <img src={thumbnailUrl(p.media[0].assetId)} alt="" className="size-12 shrink-0 rounded object-cover" />}
                  </li>
                )
              })}
            </ul>
          </Card>
          {current && (
            <ReviewDetail
              key={current.id}
              user={user}
              post={current}
              character={characterOf(current.characterId)}
              channels={(channels.data ?? []).filter((c) => current.channelIds.includes(c.id))}
              busy={busy}
              block={blockOf(current)}
              onApprove={() => approve.mutate({ post: current })}
              onApproveAndSchedule={() => setScheduling(current)}
              onApproveAndQueue={() => approve.mutate({ post: current, then: { kind: 'queue' } })}
              onReject={() => setRejecting({ ids: [current.id] })}
            />
          )}
        </div>
      )}

      <ScheduleDialog
        open={!!scheduling}
        onOpenChange={(o) => !o && setScheduling(null)}
        title="Approve and schedule"
        timeZone={(scheduling && characterOf(scheduling.characterId)?.timeZone) || 'UTC'}
        confirmLabel="Approve and schedule"
        pending={approve.isPending}
        onConfirm={(at) => scheduling && approve.mutate({ post: scheduling, then: { kind: 'schedule', at } })}
      />

      <RejectDialog
        ids={rejecting?.ids ?? null}
        pending={reject.isPending}
        error={reject.error}
        onOpenChange={(o) => {
          if (!o) {
            setRejecting(null)
            reject.reset()
          }
        }}
        onReject={(comment) => rejecting && reject.mutate({ ids: rejecting.ids, comment })}
      />
    </div>
  )
}

function ReviewDetail({
  user,
  post: p,
  character,
  channels,
  busy,
  block,
  onApprove,
  onApproveAndSchedule,
  onApproveAndQueue,
  onReject,
}: {
  user: User
  post: Post
  character: Character | undefined
  channels: Channel[]
  busy: boolean
  /** Why this user may not approve the post, or null. */
  block: string | null
  onApprove: () => void
  onApproveAndSchedule: () => void
  onApproveAndQueue: () => void
  onReject: () => void
}) {
  const reviewer = canReview(user.role)
  return (
    <Card className="p-6" data-testid="review-detail" data-post-id={p.id}>
      <div className="flex flex-wrap items-start gap-4">
        <CharacterAvatar name={character?.name ?? '?'} assetId={character?.avatarAssetId} className="size-12 rounded-lg" textClassName="text-lg" />
        <div className="min-w-0 flex-1">
          <h2 className="text-lg font-semibold text-zinc-900">{character?.name ?? 'Unknown character'}</h2>
          <p className="text-sm text-zinc-500">
            Submitted by {personName(p.createdBy)} · {timeAgo(p.updatedAt ?? p.createdAt)}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {canEdit(user.role) && (
            <Button variant="ghost" size="sm" asChild>
              <Link to={`/posts/${p.id}`} data-testid="review-edit">
                <Pencil /> Edit
              </Link>
            </Button>
          )}
          {canEdit(user.role) && (
            <Button variant="ghost" size="sm" asChild>
              <Link to={`/studio?character=${encodeURIComponent(p.characterId)}`} data-testid="review-regenerate">
                <RefreshCw /> Regenerate
              </Link>
            </Button>
          )}
          {reviewer && (
            <>
              <Button variant="outline" data-testid="review-reject" disabled={busy} onClick={onReject}>
                <X /> Reject
              </Button>
              <Button data-testid="review-approve" disabled={busy || !!block} title={block ?? undefined} onClick={onApprove}>
                <Check /> Approve
              </Button>
              {canEdit(user.role) && (
                <>
                  <Button variant="outline" data-testid="review-approve-schedule" disabled={busy || !!block} title={block ?? undefined} onClick={onApproveAndSchedule}>
                    <CalendarClock /> Approve and schedule…
                  </Button>
                  <Button variant="outline" data-testid="review-approve-queue" disabled={busy || !!block} title={block ?? undefined} onClick={onApproveAndQueue}>
                    <ListPlus /> Approve and add to queue
                  </Button>
                </>
              )}
            </>
          )}
        </div>
      </div>
      {block && reviewer && (
        <p className="mt-3 text-xs text-amber-800" data-testid="review-approve-block">
          {block}
        </p>
      )}

      <section className="mt-6 grid gap-2">
        <h3 className="text-sm font-semibold text-zinc-900">Caption</h3>
        <p className="whitespace-pre-wrap rounded-lg bg-zinc-50 p-3 text-sm text-zinc-800">{p.caption || <span className="italic text-zinc-400">No caption</span>}</p>
        <ContinuityNote post={p} />
        <LoreUsed lore={p.loreUsed as LoreUse[] | undefined} />
      </section>

      {(p.media ?? []).length > 0 && (
        <section className="mt-6 grid gap-2">
          <h3 className="text-sm font-semibold text-zinc-900">Media</h3>
          <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            {p.media.map((m, i) => (
              <figure key={`${m.assetId}-${i}`} className="grid gap-1">
                <a href={mediaUrl(m.assetId)} target="_blank" rel="noreferrer">
                  <img src={thumbnailUrl(m.assetId)} alt={m.altText || 'Post image'} className="aspect-square w-full rounded-lg border border-zinc-200 object-cover" />
                </a>
                <figcaption className={cn('text-xs', m.altText ? 'text-zinc-600' : 'italic text-amber-700')}>{m.altText || 'No alt text'}</figcaption>
                <MediaFace assetIds={p.media.map((x) => x.assetId)} assetId={m.assetId} />
              </figure>
            ))}
          </div>
        </section>
      )}

      <section className="mt-6 grid grid-cols-1 gap-3">
        <h3 className="flex items-center gap-2 text-sm font-semibold text-zinc-900">
          Channels
          {channels.map((c) => (
            <PlatformIcon key={c.id} platform={c.platform} className="size-5" />
          ))}
        </h3>
        {channels.length === 0 ? (
          <p className="text-sm text-zinc-500">{p.channelIds.length ? 'Loading channels…' : 'No channels picked.'}</p>
        ) : (
          <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
            {channels.map((c) => (
              <ChannelPreview key={c.id} channel={c} character={character} text={channelText(p, c.id)} media={p.media ?? []} />
            ))}
          </div>
        )}
      </section>
    </Card>
  )
}

/** The face check of one of the post's images (one request for all of them: the hook's key is shared). */
function MediaFace({ assetIds, assetId }: { assetIds: string[]; assetId: string }) {
  const { data: checks } = useFaceChecks(assetIds)
  if (!checks) return null
  return <FaceBadge faceCheck={checks.find((c) => c.assetId === assetId)?.faceCheck} className="w-fit" />
}

/** The continuity check's verdict on the caption: a flag with its reason, or why it was not checked. */
function ContinuityNote({ post }: { post: Post }) {
  const c = post.continuity
  if (!c) return null
  if (c.flagged)
    return (
      <p className="rounded-lg border border-amber-200 bg-amber-50 p-2.5 text-xs text-amber-900" data-testid="continuity-flag">
        <span className="font-semibold">Continuity:</span> {c.reason}
      </p>
    )
  return (
    <p className="text-xs text-zinc-500" data-testid="continuity-ok">
      {c.checked ? 'Continuity: fits the persona and lore.' : `Continuity not checked: ${c.reason}`}
    </p>
  )
}

function RejectDialog({
  ids,
  pending,
  error,
  onOpenChange,
  onReject,
}: {
  ids: string[] | null
  pending: boolean
  error: unknown
  onOpenChange: (o: boolean) => void
  onReject: (comment: string) => void
}) {
  const [comment, setComment] = React.useState('')
  const [missing, setMissing] = React.useState(false)
  React.useEffect(() => {
    if (ids) {
      setComment('')
      setMissing(false)
    }
  }, [ids])
  return (
    <Dialog open={!!ids} onOpenChange={onOpenChange}>
      <DialogContent data-testid="reject-dialog">
        <form
          className="grid gap-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault()
            if (!comment.trim()) return setMissing(true)
            onReject(comment.trim())
          }}
        >
          <DialogHeader>
            <DialogTitle>Reject {ids && ids.length > 1 ? plural(ids.length, 'post') : 'this post'}</DialogTitle>
            <DialogDescription>Tell the author what to change. They see this comment on the post.</DialogDescription>
          </DialogHeader>
          {error != null && <FormAlert>{errorMessage(error)}</FormAlert>}
          <Field id="reject-comment" label="Comment" error={missing ? 'A comment is required' : undefined}>
            <Textarea
              id="reject-comment"
              data-testid="reject-comment"
              autoFocus
              rows={4}
              value={comment}
              aria-invalid={missing || undefined}
              onChange={(e) => {
                setComment(e.target.value)
                setMissing(false)
              }}
            />
          </Field>
          <DialogFooter>
            <Button variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="destructive" disabled={pending} data-testid="reject-confirm">
              {pending ? 'Rejecting…' : 'Reject'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
