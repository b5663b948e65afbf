import * as React from 'react'
import { useLocation, useNavigate, useSearchParams } from 'react-router'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { post as postJson, errorMessage, ProblemError, type FieldError } from '@/lib/api'
import { canEdit, type PostInput, type Channel, type Character, type Post, type PostState, type User } from '@/lib/model'
import { formatInZone, isAuthor, isEditable, toZonedLocal, uuid } from '@/lib/publishing'
import { useStudioSettings } from '../SettingsPage'
import { postKey, postsKey, useChannels } from '@/lib/queries'
import { useToast } from '@/components/ui/toast'
import { captionFor, mediaOptions, useSucceededJobs } from './media'
import { bodyOf, defaultScheduleValue, draftOf, newDraft, same, type ComposerPrefill, type Draft } from './draft'
import { client, data } from '@/lib/api'

/** A ProblemError as plain data, so it can travel in the router's history state. */
interface HandedProblem {
  status: number
  title: string
  detail?: string
  type?: string
  errors: FieldError[]
}

/**
 * The composer's state and actions: the draft, what the server said about it, and save, submit, schedule and
 * delete. The page only lays these out.
 */
export function useComposerForm({ user, post, characters }: { user: User; post: Post | undefined; characters: Character[] }) {
  const qc = useQueryClient()
  const toast = useToast()
  const navigate = useNavigate()
  const location = useLocation()
  const [params] = useSearchParams()
  const editor = canEdit(user.role)

  const routeState = (location.state ?? {}) as ComposerPrefill & { problem?: HandedProblem }
  const [draft, setDraft] = React.useState<Draft>(() =>
    post ? draftOf(post) : newDraft(characters, routeState.characterId ?? params.get('character') ?? '', routeState.assetId ?? params.get('asset'), routeState),
  )
  const [openVariants, setOpenVariants] = React.useState<Set<string>>(() => new Set(Object.keys(draft.variants)))
  // a submit refused right after creating the post arrives with the new address (the page remounts there)
  const [problem, setProblem] = React.useState<unknown>(() => (post && routeState.problem ? new ProblemError(routeState.problem.status, routeState.problem) : null))
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
        captionJobId: d.caption ? d.captionJobId : found.jobId,
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
      // null alt text is allowed: the document cannot say which properties may be null
      const body = bodyOf(draft, post) as PostInput
      if (!post) return data(client.POST('/api/v1/posts', { body, params: { header: { 'Idempotency-Key': idemKey.current } } }))
      if (!dirty) return post
      return data(client.PATCH('/api/v1/posts/{id}', { body, params: { path: { id: post.id }, header: { 'If-Match': String(post.version) } } }))
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
          const problem: HandedProblem | undefined = e instanceof ProblemError ? { status: e.status, title: e.title, detail: e.detail, type: e.type, errors: e.errors } : undefined
          navigate(`/posts/${saved.id}`, { replace: true, state: problem ? { problem } : null })
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

  // The owner's own approval, as the studio's review rules allow (audited as a self-approval on the server).
  const settings = useStudioSettings(user.role === 'OWNER')
  const selfApproval = user.role === 'OWNER' && settings.data?.ownerSelfApproval === true
  const authored = !post || isAuthor(post, user)
  /** Whether this viewer may approve this post now (the post page offers it instead of "waiting for a reviewer"). */
  const canApprove = (user.role === 'REVIEWER' || user.role === 'OWNER' || user.role === 'EDITOR') && (!authored || selfApproval)
  /** A studio where the owner may approve their own work: the composer publishes directly. */
  const fastPath = selfApproval && editor && (!state || state === 'DRAFT' || state === 'REJECTED')

  /** Approve (submitting first when needed), then schedule at a time in the character's zone, now, or in the queue. */
  const approveThen = (then: { at: string } | 'now' | 'queue' | null) =>
    run(async () => {
      let p = post && !dirty ? post : await save.mutateAsync()
      store(p)
      if (p.state === 'DRAFT' || p.state === 'REJECTED') p = await action.mutateAsync({ path: `/api/v1/posts/${encodeURIComponent(p.id)}/submit` })
      if (p.state === 'IN_REVIEW') p = await action.mutateAsync({ path: `/api/v1/posts/${encodeURIComponent(p.id)}/approve`, body: {} })
      store(p)
      if (then === 'queue') p = await action.mutateAsync({ path: `/api/v1/posts/${encodeURIComponent(p.id)}/queue` })
      else if (then) p = await action.mutateAsync({ path: `/api/v1/posts/${encodeURIComponent(p.id)}/schedule`, body: { at: then === 'now' ? new Date().toISOString() : then.at } })
      store(p)
      qc.invalidateQueries({ queryKey: ['publications', p.id] })
      const message = then === 'now' ? 'Approved and publishing now' : p.state === 'SCHEDULED' ? `Approved and scheduled for ${formatInZone(p.scheduledAt, timeZone)}` : 'Approved'
      toast.success(message, undefined, post ? undefined : { label: 'Open the post', to: `/posts/${p.id}` })
      if (!post || post.id !== p.id) navigate(`/posts/${p.id}`, { replace: true })
    })

  const remove = useMutation({
    mutationFn: () => data(client.DELETE('/api/v1/posts/{id}', { params: { path: { id: post!.id } } })),
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
      d.media.some((m) => m.assetId === assetId) ? { ...d, media: d.media.filter((m) => m.assetId !== assetId) } : { ...d, media: [...d.media, { assetId, altText: '' }] },
    )
  const toggleChannel = (cid: string, on: boolean) =>
    update((d) => ({ ...d, channelIds: on ? [...d.channelIds.filter((x) => x !== cid), cid] : d.channelIds.filter((x) => x !== cid) }))
  const pickCharacter = (characterId: string) => {
    setDraft((d) => ({ ...d, characterId, media: [], channelIds: [], variants: {} }))
    setProblem(null)
  }

  return {
    draft,
    update,
    editor,
    character,
    timeZone,
    channels,
    channelList,
    selected,
    jobs,
    options,
    state,
    writable,
    dirty,
    fields,
    unmapped,
    problem,
    openVariants,
    setOpenVariants,
    confirmDelete,
    setConfirmDelete,
    save,
    action,
    remove,
    busy,
    onSave,
    onSubmit,
    scheduleAt,
    setScheduleAt,
    postAction,
    toggleMedia,
    toggleChannel,
    pickCharacter,
    selfApproval,
    canApprove,
    fastPath,
    approveThen,
  }
}

export type ComposerForm = ReturnType<typeof useComposerForm>
