import { useNavigate, useParams } from 'react-router'
import * as React from 'react'
import { ArrowLeft, CalendarClock, Check, ListPlus, Radio, Rocket, Save, Send, Trash2 } from 'lucide-react'
import { errorMessage, ProblemError } from '@/lib/api'
import { type Character, type Post, type User } from '@/lib/model'
import { formatInZone, personName } from '@/lib/publishing'
import { useCharacters } from '@/lib/queries'
import { usePlatformName } from '@/lib/descriptors'
import { cn } from '@/lib/utils'
import { Button } from '@/components/ui/button'
import { Card, CardContent } from '@/components/ui/card'
import { CharacterAvatar } from '@/components/ui/avatar'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { EmptyState } from '@/components/ui/empty-state'
import { Field } from '@/components/ui/field'
import { Label } from '@/components/ui/label'
import { PlatformIcon } from '@/components/ui/platform-icon'
import { Select } from '@/components/ui/select'
import { Skeleton } from '@/components/ui/skeleton'
import { Textarea } from '@/components/ui/textarea'
import { PageHeader } from '@/components/layout/PageHeader'
import { FormAlert } from '../AuthShell'
import { CharCounter, StateBadge } from './previews'
import { PublicationsPanel } from './PublicationsPanel'
import { ChannelPicker, ComposerPreviews, MediaPicker, SchedulingCard } from './ComposerParts'
import { AttachedPlayers, attachedOptions, MediaFitWarnings } from './MediaFit'
import { useComposerForm } from './useComposerForm'
import { ScheduleDialog } from './ScheduleDialog'
import { usePost } from '@/lib/queries'

export type { ComposerPrefill } from './draft'

export function ComposerPage({ user }: { user: User }) {
  const { id } = useParams()
  const postQuery = usePost(id)
  const characters = useCharacters()

  if ((id && postQuery.isPending) || characters.isPending) {
    return (
      <div>
        <PageHeader title={id ? 'Post' : 'New post'} />
        <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
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
  const form = useComposerForm({ user, post, characters })
  const {
    draft,
    editor,
    character,
    timeZone,
    selected,
    channelList,
    state,
    writable,
    dirty,
    fields,
    unmapped,
    problem,
    confirmDelete,
    setConfirmDelete,
    save,
    action,
    remove,
    busy,
    onSave,
    onSubmit,
    pickCharacter,
    update,
    canApprove,
    fastPath,
    approveThen,
  } = form
  const navigate = useNavigate()
  const [scheduling, setScheduling] = React.useState(false)

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
              {post.scheduledAt && (
                <>
                  {' '}
                  · scheduled for {formatInZone(post.scheduledAt, timeZone)} ({timeZone})
                </>
              )}
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
          <span className="font-medium">
            {state === 'REJECTED' ? 'Rejected' : 'Reviewed'} by {personName(post.review.by)}:
          </span>{' '}
          {post.review.comment}
        </div>
      )}
      {state === 'SCHEDULED' && editor && <div className="mb-6 rounded-lg border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-900">Unschedule this post to edit it.</div>}
      {(state === 'APPROVED' || state === 'REJECTED') && writable && (
        <div className="mb-6 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">Saving changes sends this post back to review.</div>
      )}

      <div className="grid grid-cols-[minmax(0,1fr)] items-start gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="grid gap-6">
          <Card>
            <CardContent className="grid gap-6 pt-6">
              {problem != null && (!(problem instanceof ProblemError) || unmapped.length > 0 || problem.errors.length === 0) && (
                <FormAlert title={problem instanceof ProblemError ? problem.title : 'Something went wrong'}>
                  {unmapped.length ? unmapped.map((e) => `${e.field}: ${e.reason}`).join(' · ') : errorMessage(problem)}
                </FormAlert>
              )}

              <div className="grid min-w-0 gap-1.5 sm:w-80">
                <Label htmlFor="composer-character">Character</Label>
                <Select
                  id="composer-character"
                  data-testid="composer-character"
                  value={draft.characterId}
                  disabled={!!post || !writable}
                  onValueChange={pickCharacter}
                  options={characterOptions}
                  className="h-10 min-w-0"
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

              <MediaPicker form={form} />
              <AttachedPlayers attached={attachedOptions(form)} />
              <MediaFitWarnings attached={attachedOptions(form)} channels={form.selected} />

              <ChannelPicker form={form} />

              {(editor || (state === 'IN_REVIEW' && canApprove)) && (
                <div className="flex flex-wrap items-center justify-end gap-2 border-t border-zinc-100 pt-5" data-testid="composer-actions">
                  {editor && post && (state === 'DRAFT' || state === 'REJECTED') && (
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
                    <Button
                      data-testid="composer-submit"
                      variant={fastPath ? 'outline' : 'default'}
                      disabled={busy || draft.channelIds.length === 0}
                      onClick={onSubmit}
                      title={draft.channelIds.length ? undefined : 'Pick at least one channel'}
                    >
                      <Send /> {action.isPending && !fastPath ? 'Submitting…' : 'Submit for review'}
                    </Button>
                  )}
                  {fastPath && (
                    <>
                      <Button variant="outline" data-testid="composer-fast-schedule" disabled={busy || draft.channelIds.length === 0} onClick={() => setScheduling(true)}>
                        <CalendarClock /> Schedule…
                      </Button>
                      <Button data-testid="composer-publish-now" disabled={busy || draft.channelIds.length === 0} onClick={() => approveThen('now')}>
                        <Rocket /> {action.isPending ? 'Publishing…' : 'Publish now'}
                      </Button>
                    </>
                  )}
                  {state === 'IN_REVIEW' &&
                    (canApprove ? (
                      <>
                        {editor && (
                          <>
                            <Button variant="outline" data-testid="composer-approve-schedule" disabled={busy} onClick={() => setScheduling(true)}>
                              <CalendarClock /> Approve and schedule…
                            </Button>
                            <Button variant="outline" data-testid="composer-approve-queue" disabled={busy} onClick={() => approveThen('queue')}>
                              <ListPlus /> Approve and add to queue
                            </Button>
                          </>
                        )}
                        <Button data-testid="composer-approve" disabled={busy} onClick={() => approveThen(null)}>
                          <Check /> Approve
                        </Button>
                      </>
                    ) : (
                      <span className="text-sm text-zinc-600" data-testid="composer-waiting">
                        Waiting for a reviewer.
                      </span>
                    ))}
                </div>
              )}
              {fastPath && (
                <p className="text-right text-xs text-zinc-500" data-testid="composer-fast-path-note">
                  You are the only one who can review in this studio: scheduling or publishing approves the post as your own, and the audit log records it.
                </p>
              )}
            </CardContent>
          </Card>

          {canSchedule && post && <SchedulingCard form={form} />}

          {post && state && !['DRAFT', 'IN_REVIEW', 'REJECTED'].includes(state) && (
            <PublicationsPanel postId={post.id} channels={channelList} timeZone={timeZone} editable={editor} />
          )}
        </div>

        <ComposerPreviews form={form} />
      </div>

      <ScheduleDialog
        open={scheduling}
        onOpenChange={setScheduling}
        title={state === 'IN_REVIEW' ? 'Approve and schedule' : 'Schedule'}
        timeZone={timeZone}
        confirmLabel={state === 'IN_REVIEW' ? 'Approve and schedule' : 'Schedule'}
        channelId={draft.channelIds[0]}
        pending={busy}
        onConfirm={(at) => {
          setScheduling(false)
          approveThen({ at })
        }}
      />

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
