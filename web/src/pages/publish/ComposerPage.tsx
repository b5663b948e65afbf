import * as React from 'react'
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { ArrowLeft, CalendarClock, ChevronDown, ChevronRight, Check, ListPlus, Radio, Save, Send, Trash2, Undo2, X } from 'lucide-react'
import { api, del, post as postJson, errorMessage, ProblemError, thumbnailUrl } from '@/lib/api'
import { canEdit, type Channel, type Character, type Post, type PostState, type User } from '@/lib/model'
import { formatInZone, isEditable, personName, toZonedLocal, uuid } from '@/lib/publishing'
import { postKey, postsKey, useChannels, useCharacters } from '@/lib/queries'
import { usePlatformName } from '@/lib/descriptors'
import { cn, plural } from '@/lib/utils'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { CharacterAvatar } from '@/components/ui/avatar'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { EmptyState } from '@/components/ui/empty-state'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { PlatformIcon } from '@/components/ui/platform-icon'
import { Select } from '@/components/ui/select'
import { Skeleton } from '@/components/ui/skeleton'
import { Textarea } from '@/components/ui/textarea'
import { useToast } from '@/components/ui/toast'
import { PageHeader } from '@/components/layout/PageHeader'
import { FormAlert } from '../AuthShell'
import { ChannelPreview, channelErrors, CharCounter, StateBadge } from './previews'
import { PublicationsPanel } from './PublicationsPanel'
import { captionFor, mediaOptions, useSucceededJobs } from './media'
import { usePost } from '@/lib/queries'

/** What the Studio (or a link) may hand the composer of a new post. */
export interface ComposerPrefill {
  characterId?: string
  assetId?: string
  caption?: string
  altText?: string
}

interface Draft {
  characterId: string
  caption: string
  media: { assetId: string; altText: string }[]
  channelIds: string[]
  /** channelId → override text ('' = none). */
  variants: Record<string, string>
}

function draftOf(p: Post): Draft {
  const variants: Record<string, string> = {}
  for (const [k, v] of Object.entries(p.variants ?? {})) if (v?.caption) variants[k] = v.caption
  return {
    characterId: p.characterId,
    caption: p.caption ?? '',
    media: (p.media ?? []).map((m) => ({ assetId: m.assetId, altText: m.altText ?? '' })),
    channelIds: [...(p.channelIds ?? [])],
    variants,
  }
}

function bodyOf(d: Draft, old?: Post) {
  const variants: Record<string, { caption: string | null; options: Record<string, unknown> }> = {}
  for (const id of d.channelIds) {
    const text = d.variants[id] ?? ''
    const options = old?.variants?.[id]?.options ?? {}
    if (text.trim() || Object.keys(options).length) variants[id] = { caption: text.trim() ? text : null, options }
  }
  return {
    characterId: d.characterId,
    caption: d.caption,
    media: d.media.map((m) => ({ assetId: m.assetId, altText: m.altText.trim() || null })),
    channelIds: d.channelIds,
    variants,
  }
}

/** A problem met while creating a post, handed to the composer of the saved post (the page remounts on the new address). */
let handoff: { postId: string; problem: unknown } | null = null

const same = (a: Draft, b: Draft) => JSON.stringify(bodyOf(a)) === JSON.stringify(bodyOf(b))

/** The next whole minute at least an hour from now, in the zone, for the schedule input's first value. */
function defaultScheduleValue(timeZone: string) {
  const d = new Date(Date.now() + 60 * 60_000)
  d.setSeconds(0, 0)
  return toZonedLocal(d, timeZone)
}

export function ComposerPage({ user }: { user: User }) {
  const { id } = useParams()
  const postQuery = usePost(id)
  const characters = useCharacters()

  if ((id && postQuery.isPending) || characters.isPending) {
    return (
      <div>
        <PageHeader title={id ? 'Post' : 'New post'} />
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
          <Skeleton className="h-[32rem]" />
          <Skeleton className="h-80" />
        </div>
      </div>
    )
  }
  if (postQuery.isError || characters.isError) {
    return (
      <div>
        <PageHeader title="Post" />
        <EmptyState title={postQuery.error instanceof ProblemError && postQuery.error.status === 404 ? 'This post does not exist' : 'Could not load the post'}>
          {errorMessage(postQuery.error ?? characters.error)}
        </EmptyState>
      </div>
    )
  }
  if (!characters.data.length) {
    return (
      <div>
        <PageHeader title="New post" />
        <EmptyState icon={<Radio />} title="No characters yet">
          Posts belong to a character. Create one first.
        </EmptyState>
      </div>
    )
  }
  return <Composer key={id ?? 'new'} user={user} post={id ? postQuery.data : undefined} characters={characters.data} />
}

function Composer({ user, post, characters }: { user: User; post: Post | undefined; characters: Character[] }) {
  const platformName = usePlatformName()
  const qc = useQueryClient()
  const toast = useToast()
  const navigate = useNavigate()
  const location = useLocation()
  const [params] = useSearchParams()
  const editor = canEdit(user.role)

  const prefill = (location.state ?? {}) as ComposerPrefill
  const [draft, setDraft] = React.useState<Draft>(() => {
    if (post) return draftOf(post)
    const wanted = prefill.characterId ?? params.get('character') ?? ''
    const characterId = characters.some((c) => c.id === wanted) ? wanted : characters[0]!.id
    const asset = prefill.assetId ?? params.get('asset')
    return {
      characterId,
      caption: prefill.caption ?? '',
      media: asset ? [{ assetId: asset, altText: prefill.altText ?? '' }] : [],
      channelIds: [],
      variants: {},
    }
  })
  const [openVariants, setOpenVariants] = React.useState<Set<string>>(() => new Set(Object.keys(draft.variants)))
  const [problem, setProblem] = React.useState<unknown>(() => (handoff && post && handoff.postId === post.id ? handoff.problem : null))
  React.useEffect(() => {
    handoff = null
  }, [])
  const [confirmDelete, setConfirmDelete] = React.useState(false)
  // One Idempotency-Key per composer session, so a retried create cannot make two posts.
  const idemKey = React.useRef(uuid())

  const character = characters.find((c) => c.id === draft.characterId)
  const timeZone = character?.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
  const channels = useChannels(draft.characterId)
  const jobs = useSucceededJobs(draft.characterId)
  const options = React.useMemo(() => {
    const list = mediaOptions(jobs.data, character)
    for (const m of draft.media) if (!list.some((o) => o.assetId === m.assetId)) list.unshift({ assetId: m.assetId, label: 'Attached image', contentType: 'image/*' })
    return list
  }, [jobs.data, character, draft.media])

  // A new post opened from an image with no caption yet: borrow the newest caption made for that image.
  const borrowed = React.useRef(false)
  React.useEffect(() => {
    if (post || borrowed.current || !jobs.data || draft.caption || draft.media.length !== 1) return
    borrowed.current = true
    const found = captionFor(jobs.data, draft.media[0]!.assetId)
    if (found) {
      setDraft((d) => ({
        ...d,
        caption: d.caption || found.caption,
        media: d.media.map((m, i) => (i === 0 && !m.altText ? { ...m, altText: found.altText } : m)),
      }))
    }
  }, [jobs.data, post, draft.caption, draft.media])

  const state: PostState | undefined = post?.state
  const writable = editor && isEditable(state)
  const dirty = !post || !same(draft, draftOf(post))
  const fields = problem instanceof ProblemError ? problem.fieldMap() : {}
  const unmapped = problem instanceof ProblemError ? problem.errors.filter((e) => !e.field?.startsWith('channels.') && e.field !== 'caption' && !e.field?.startsWith('media')) : []
  const channelList = channels.data ?? []
  const selected = draft.channelIds.map((cid) => channelList.find((c) => c.id === cid)).filter((c): c is Channel => !!c)

  const update = (fn: (d: Draft) => Draft) => setDraft((d) => fn(d))

  const store = (p: Post) => {
    qc.setQueryData(postKey(p.id), p)
    qc.invalidateQueries({ queryKey: postsKey })
    qc.invalidateQueries({ queryKey: ['calendar'] })
  }

  const save = useMutation({
    mutationFn: async (): Promise<Post> => {
      const body = bodyOf(draft, post)
      if (!post) return api<Post>('POST', '/api/v1/posts', { json: body, headers: { 'Idempotency-Key': idemKey.current } })
      if (!dirty) return post
      return api<Post>('PATCH', `/api/v1/posts/${encodeURIComponent(post.id)}`, { json: body, headers: { 'If-Match': String(post.version) } })
    },
    onError: (e) => {
      // A refused create was not stored: the next attempt is a new request with a new key.
      if (!post && e instanceof ProblemError && e.status >= 400 && e.status < 500) idemKey.current = uuid()
    },
  })

  const afterSave = (p: Post, message?: string) => {
    store(p)
    if (message) toast.success(message)
    if (!post) navigate(`/posts/${p.id}`, { replace: true })
  }

  const run = async (fn: () => Promise<void>) => {
    setProblem(null)
    try {
      await fn()
    } catch (e) {
      setProblem(e)
      if (!(e instanceof ProblemError && e.errors.length)) toast.error('That did not work', errorMessage(e))
    }
  }

  const onSave = () =>
    run(async () => {
      const p = await save.mutateAsync()
      afterSave(p, post ? (p.state !== post.state && p.state === 'IN_REVIEW' ? 'Saved and sent back to review' : 'Post saved') : 'Draft saved')
    })

  const action = useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) => postJson<Post>(path, body),
  })

  const onSubmit = () =>
    run(async () => {
      const saved = dirty ? await save.mutateAsync() : post!
      store(saved)
      const p = await action.mutateAsync({ path: `/api/v1/posts/${encodeURIComponent(saved.id)}/submit` }).catch((e) => {
        if (!post) {
          handoff = { postId: saved.id, problem: e }
          navigate(`/posts/${saved.id}`, { replace: true, state: null })
        }
        throw e
      })
      afterSave(p, p.state === 'APPROVED' ? 'Approved automatically (every channel auto-approves)' : 'Submitted for review')
      if (post) navigate(`/posts/${p.id}`, { replace: true })
    })

  const [scheduleAt, setScheduleAt] = React.useState(() => (post?.scheduledAt ? toZonedLocal(post.scheduledAt, timeZone) : defaultScheduleValue(timeZone)))
  const postAction = (verb: 'schedule' | 'queue' | 'unschedule', message: string, body?: unknown) =>
    run(async () => {
      const p = await action.mutateAsync({ path: `/api/v1/posts/${encodeURIComponent(post!.id)}/${verb}`, body })
      store(p)
      qc.invalidateQueries({ queryKey: ['publications', p.id] })
      toast.success(message, p.scheduledAt ? formatInZone(p.scheduledAt, timeZone) : undefined)
    })

  const remove = useMutation({
    mutationFn: () => del(`/api/v1/posts/${encodeURIComponent(post!.id)}`),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: postsKey })
      qc.removeQueries({ queryKey: postKey(post!.id) })
      toast.success('Post deleted')
      navigate('/review')
    },
    onError: (e) => toast.error('Could not delete the post', errorMessage(e)),
  })

  const busy = save.isPending || action.isPending

  const toggleMedia = (assetId: string) =>
    update((d) =>
      d.media.some((m) => m.assetId === assetId)
        ? { ...d, media: d.media.filter((m) => m.assetId !== assetId) }
        : { ...d, media: [...d.media, { assetId, altText: '' }] },
    )
  const toggleChannel = (cid: string, on: boolean) =>
    update((d) => ({ ...d, channelIds: on ? [...d.channelIds.filter((x) => x !== cid), cid] : d.channelIds.filter((x) => x !== cid) }))

  const characterOptions = characters.map((c) => ({
    value: c.id,
    label: c.name,
    icon: <CharacterAvatar name={c.name} assetId={c.avatarAssetId} className="size-6 shrink-0 rounded-md" textClassName="text-xs" />,
  }))

  const canSubmit = writable && (!state || state === 'DRAFT' || state === 'REJECTED')
  const canSchedule = editor && (state === 'APPROVED' || state === 'SCHEDULED')

  return (
    <div>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {post ? 'Post' : 'New post'}
            {state && <StateBadge state={state} className="text-sm" />}
          </span>
        }
        description={
          post ? (
            <>
              By {personName(post.createdBy)} · {character?.name ?? 'unknown character'}
              {post.scheduledAt && <> · scheduled for {formatInZone(post.scheduledAt, timeZone)} ({timeZone})</>}
            </>
          ) : (
            'Write once, check how it looks on every channel, then send it to review.'
          )
        }
        actions={
          <Button variant="ghost" onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/review'))}>
            <ArrowLeft /> Back
          </Button>
        }
      />

      {post?.review?.comment && (
        <div
          className={cn('mb-6 rounded-lg border px-4 py-3 text-sm', state === 'REJECTED' ? 'border-red-200 bg-red-50 text-red-900' : 'border-zinc-200 bg-white text-zinc-700')}
          data-testid="review-comment"
        >
          <span className="font-medium">{state === 'REJECTED' ? 'Rejected' : 'Reviewed'} by {personName(post.review.by)}:</span> {post.review.comment}
        </div>
      )}
      {state === 'SCHEDULED' && editor && (
        <div className="mb-6 rounded-lg border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-900">Unschedule this post to edit it.</div>
      )}
      {(state === 'APPROVED' || state === 'REJECTED') && writable && (
        <div className="mb-6 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          Saving changes sends this post back to review.
        </div>
      )}

      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="grid gap-6">
          <Card>
            <CardContent className="grid gap-6 pt-6">
              {problem != null && (!(problem instanceof ProblemError) || unmapped.length > 0 || problem.errors.length === 0) && (
                <FormAlert title={problem instanceof ProblemError ? problem.title : 'Something went wrong'}>
                  {unmapped.length ? unmapped.map((e) => `${e.field}: ${e.reason}`).join(' · ') : errorMessage(problem)}
                </FormAlert>
              )}

              <div className="grid gap-1.5 sm:w-80">
                <Label htmlFor="composer-character">Character</Label>
                <Select
                  id="composer-character"
                  data-testid="composer-character"
                  value={draft.characterId}
                  disabled={!!post || !writable}
                  onValueChange={(v) => {
                    setDraft((d) => ({ ...d, characterId: v, media: [], channelIds: [], variants: {} }))
                    setProblem(null)
                  }}
                  options={characterOptions}
                  className="h-10"
                />
              </div>

              <Field id="composer-caption" label="Caption" error={fields.caption}>
                <Textarea
                  id="composer-caption"
                  data-testid="composer-caption"
                  rows={6}
                  value={draft.caption}
                  disabled={!writable}
                  aria-invalid={!!fields.caption}
                  placeholder={`What does ${character?.name ?? 'the character'} want to say?`}
                  onChange={(e) => update((d) => ({ ...d, caption: e.target.value }))}
                />
                {selected.length > 0 && (
                  <div className="flex flex-wrap gap-x-4 gap-y-1" data-testid="composer-counters">
                    {selected.map((c) => (
                      <span key={c.id} className="inline-flex items-center gap-1.5 text-xs text-zinc-500">
                        <PlatformIcon platform={c.platform} className="size-4 text-[9px] [&_svg]:size-2.5" />
                        {platformName(c.platform)}
                        <CharCounter channel={c} text={draft.variants[c.id]?.trim() ? draft.variants[c.id]! : draft.caption} />
                      </span>
                    ))}
                  </div>
                )}
              </Field>

              <div className="grid gap-2">
                <div className="flex items-baseline justify-between gap-2">
                  <Label>Media</Label>
                  <span className="text-xs text-zinc-500">{draft.media.length ? plural(draft.media.length, 'image') + ' attached' : 'Optional'}</span>
                </div>
                {jobs.isPending ? (
                  <div className="grid grid-cols-4 gap-2 sm:grid-cols-6">
                    {Array.from({ length: 6 }).map((_, i) => (
                      <Skeleton key={i} className="aspect-square" />
                    ))}
                  </div>
                ) : options.length === 0 ? (
                  <p className="text-sm text-zinc-500">
                    No images for {character?.name} yet. Generate some in the{' '}
                    <Link className="text-violet-700 underline" to={`/studio?character=${encodeURIComponent(draft.characterId)}`}>
                      Studio
                    </Link>{' '}
                    or add reference photos.
                  </p>
                ) : (
                  <div className="grid grid-cols-4 gap-2 sm:grid-cols-6" role="group" aria-label="Pick images">
                    {options.map((o) => {
                      const index = draft.media.findIndex((m) => m.assetId === o.assetId)
                      const on = index >= 0
                      return (
                        <button
                          key={o.assetId}
                          type="button"
                          aria-pressed={on}
                          aria-label={`${o.label}${on ? ` (attached #${index + 1})` : ''}`}
                          title={o.label}
                          disabled={!writable}
                          data-testid="composer-media-option"
                          data-asset-id={o.assetId}
                          onClick={() => toggleMedia(o.assetId)}
                          className={cn(
                            'relative aspect-square overflow-hidden rounded-md border bg-zinc-100 transition-all disabled:cursor-not-allowed',
                            on ? 'border-violet-500 ring-2 ring-violet-500' : 'border-zinc-200 hover:border-violet-400',
                          )}
                        >
                          <img src={thumbnailUrl(o.assetId)} alt="" loading="lazy" className="size-full object-cover" />
                          {on && (
                            <span className="absolute right-1 top-1 flex size-5 items-center justify-center rounded-full bg-violet-600 text-[11px] font-semibold text-white shadow">
                              {index + 1}
                            </span>
                          )}
                          {o.label === 'Reference image' && (
                            <span className="absolute inset-x-0 bottom-0 bg-black/50 px-1 py-0.5 text-[10px] text-white">reference</span>
                          )}
                        </button>
                      )
                    })}
                  </div>
                )}
                {draft.media.length > 0 && (
                  <ul className="mt-2 grid gap-2">
                    {draft.media.map((m, i) => (
                      <li key={m.assetId} className="flex items-start gap-3 rounded-lg border border-zinc-200 p-2">
                        <img src={thumbnailUrl(m.assetId)} alt="" className="size-14 shrink-0 rounded object-cover" />
                        <div className="grid min-w-0 flex-1 gap-1">
                          <Label htmlFor={`composer-alt-${i}`} className="text-xs">
                            Alt text for image {i + 1}
                          </Label>
                          <Input
                            id={`composer-alt-${i}`}
                            data-testid="composer-alt-text"
                            value={m.altText}
                            disabled={!writable}
                            placeholder="Describe the image for people who cannot see it"
                            aria-invalid={!!fields[`media[${i}].altText`] || !!fields[`media.${i}.altText`]}
                            onChange={(e) => update((d) => ({ ...d, media: d.media.map((x, j) => (j === i ? { ...x, altText: e.target.value } : x)) }))}
                          />
                          {(fields[`media[${i}].altText`] ?? fields[`media.${i}.altText`] ?? fields[`media[${i}]`]) && (
                            <p role="alert" className="text-xs font-medium text-red-600">
                              {fields[`media[${i}].altText`] ?? fields[`media.${i}.altText`] ?? fields[`media[${i}]`]}
                            </p>
                          )}
                        </div>
                        {writable && (
                          <Button variant="ghost" size="icon" aria-label={`Remove image ${i + 1}`} onClick={() => toggleMedia(m.assetId)}>
                            <X />
                          </Button>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
                {fields.media && (
                  <p role="alert" className="text-xs font-medium text-red-600">
                    {fields.media}
                  </p>
                )}
              </div>

              <fieldset className="grid gap-2">
                <legend className="mb-2 text-sm font-medium text-zinc-800">Channels</legend>
                {channels.isPending ? (
                  <Skeleton className="h-16" />
                ) : channels.isError ? (
                  <FormAlert>{errorMessage(channels.error)}</FormAlert>
                ) : channelList.length === 0 ? (
                  <p className="text-sm text-zinc-500">
                    {character?.name} has no channels yet.{' '}
                    <Link className="text-violet-700 underline" to={`/channels?character=${encodeURIComponent(draft.characterId)}`}>
                      Connect one
                    </Link>
                    .
                  </p>
                ) : (
                  <ul className="grid gap-2">
                    {channelList.map((c) => {
                      const on = draft.channelIds.includes(c.id)
                      const open = openVariants.has(c.id)
                      const err = channelErrors(fields, c.id)
                      const variant = draft.variants[c.id] ?? ''
                      return (
                        <li key={c.id} className={cn('rounded-lg border p-3', on ? 'border-violet-200 bg-violet-50/40' : 'border-zinc-200', err && 'border-red-300')}>
                          <div className="flex flex-wrap items-center gap-3">
                            <input
                              id={`composer-channel-${c.id}`}
                              type="checkbox"
                              data-testid="composer-channel"
                              data-platform={c.platform}
                              data-channel-id={c.id}
                              className="size-4 rounded border-zinc-300 accent-violet-600"
                              checked={on}
                              disabled={!writable}
                              onChange={(e) => toggleChannel(c.id, e.target.checked)}
                            />
                            <label htmlFor={`composer-channel-${c.id}`} className="flex min-w-0 flex-1 items-center gap-2 text-sm text-zinc-800">
                              <PlatformIcon platform={c.platform} />
                              <span className="truncate font-medium">{c.name}</span>
                              <span className="truncate text-xs text-zinc-500">{c.account?.handle ? `@${c.account.handle.replace(/^@/, '')}` : platformName(c.platform)}</span>
                              {c.status === 'NEEDS_RECONNECT' && <Badge variant="warning">Needs reconnect</Badge>}
                              {c.autoApprove && <Badge variant="secondary">Auto-approve</Badge>}
                            </label>
                            {on && (
                              <button
                                type="button"
                                className="inline-flex items-center gap-1 text-xs font-medium text-violet-700 hover:underline"
                                aria-expanded={open}
                                onClick={() =>
                                  setOpenVariants((s) => {
                                    const n = new Set(s)
                                    if (n.has(c.id)) n.delete(c.id)
                                    else n.add(c.id)
                                    return n
                                  })
                                }
                              >
                                {open ? <ChevronDown className="size-3.5" /> : <ChevronRight className="size-3.5" />}
                                {variant.trim() ? 'Custom text' : 'Customise text'}
                              </button>
                            )}
                          </div>
                          {on && open && (
                            <div className="mt-3 grid gap-1.5 pl-7">
                              <div className="flex items-center justify-between">
                                <Label htmlFor={`composer-variant-${c.id}`} className="text-xs">
                                  Text for {c.name} only
                                </Label>
                                <CharCounter channel={c} text={variant.trim() ? variant : draft.caption} />
                              </div>
                              <Textarea
                                id={`composer-variant-${c.id}`}
                                data-testid="composer-variant"
                                rows={3}
                                value={variant}
                                disabled={!writable}
                                placeholder="Leave empty to use the caption above"
                                onChange={(e) => update((d) => ({ ...d, variants: { ...d.variants, [c.id]: e.target.value } }))}
                              />
                            </div>
                          )}
                          {err && (
                            <p role="alert" className="mt-2 pl-7 text-xs font-medium text-red-600">
                              {err}
                            </p>
                          )}
                        </li>
                      )
                    })}
                  </ul>
                )}
                {fields.channelIds && (
                  <p role="alert" className="text-xs font-medium text-red-600">
                    {fields.channelIds}
                  </p>
                )}
              </fieldset>

              {editor && (
                <div className="flex flex-wrap items-center justify-end gap-2 border-t border-zinc-100 pt-5">
                  {post && (state === 'DRAFT' || state === 'REJECTED') && (
                    <Button variant="ghost" className="mr-auto text-red-700 hover:bg-red-50" onClick={() => setConfirmDelete(true)}>
                      <Trash2 /> Delete
                    </Button>
                  )}
                  {writable && (
                    <Button variant="outline" data-testid="composer-save" disabled={busy || (!!post && !dirty)} onClick={onSave}>
                      <Save /> {save.isPending && !action.isPending ? 'Saving…' : post ? 'Save' : 'Save draft'}
                    </Button>
                  )}
                  {canSubmit && (
                    <Button data-testid="composer-submit" disabled={busy || draft.channelIds.length === 0} onClick={onSubmit} title={draft.channelIds.length ? undefined : 'Pick at least one channel'}>
                      <Send /> {action.isPending ? 'Submitting…' : 'Submit for review'}
                    </Button>
                  )}
                  {state === 'IN_REVIEW' && <span className="text-sm text-zinc-500">Waiting for a reviewer.</span>}
                </div>
              )}
            </CardContent>
          </Card>

          {canSchedule && post && (
            <Card data-testid="composer-scheduling">
              <CardHeader className="pb-4">
                <CardTitle className="flex items-center gap-2">
                  <CalendarClock className="size-4" /> {state === 'SCHEDULED' ? 'Scheduled' : 'Ready to schedule'}
                </CardTitle>
                <CardDescription>
                  Times are in {character?.name ?? 'the character'}’s zone, <span className="font-medium text-zinc-700">{timeZone}</span>.
                </CardDescription>
              </CardHeader>
              <CardContent className="flex flex-wrap items-end gap-3">
                <div className="grid gap-1.5">
                  <Label htmlFor="composer-schedule-at">Publish at</Label>
                  <Input
                    id="composer-schedule-at"
                    type="datetime-local"
                    data-testid="composer-schedule-at"
                    data-timezone={timeZone}
                    className="w-60"
                    value={scheduleAt}
                    onChange={(e) => setScheduleAt(e.target.value)}
                  />
                </div>
                <Button data-testid="composer-schedule" disabled={busy || !scheduleAt} onClick={() => postAction('schedule', state === 'SCHEDULED' ? 'Rescheduled' : 'Scheduled', { at: scheduleAt })}>
                  <Check /> {state === 'SCHEDULED' ? 'Reschedule' : 'Schedule'}
                </Button>
                {state === 'APPROVED' && (
                  <Button variant="outline" data-testid="composer-queue" disabled={busy} onClick={() => postAction('queue', 'Added to the queue')}>
                    <ListPlus /> Add to queue
                  </Button>
                )}
                {state === 'SCHEDULED' && (
                  <Button variant="outline" data-testid="composer-unschedule" disabled={busy} onClick={() => postAction('unschedule', 'Unscheduled')}>
                    <Undo2 /> Unschedule
                  </Button>
                )}
              </CardContent>
            </Card>
          )}

          {post && state && !['DRAFT', 'IN_REVIEW', 'REJECTED'].includes(state) && (
            <PublicationsPanel postId={post.id} channels={channelList} timeZone={timeZone} editable={editor} />
          )}
        </div>

        <aside className="grid gap-4 lg:sticky lg:top-0" aria-label="Previews" data-testid="composer-previews">
          <h2 className="text-sm font-semibold text-zinc-900">Preview</h2>
          {selected.length === 0 ? (
            <p className="rounded-xl border border-dashed border-zinc-300 bg-white p-6 text-center text-sm text-zinc-500">
              Pick a channel to see how the post will look there.
            </p>
          ) : (
            selected.map((c) => (
              <ChannelPreview
                key={c.id}
                channel={c}
                character={character}
                text={draft.variants[c.id]?.trim() ? draft.variants[c.id]! : draft.caption}
                media={draft.media}
                error={channelErrors(fields, c.id)}
              />
            ))
          )}
        </aside>
      </div>

      <ConfirmDialog
        open={confirmDelete}
        onOpenChange={setConfirmDelete}
        title="Delete this post?"
        description="The draft and its channel texts are removed. Generated images stay in the Studio."
        confirmLabel="Delete post"
        pending={remove.isPending}
        onConfirm={() => remove.mutate()}
      />
    </div>
  )
}

