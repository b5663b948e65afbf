import { useQuery } from '@tanstack/react-query'
import { ScanFace } from 'lucide-react'
import { client, data } from '@/lib/api'
import type { AssetFaceCheck, FaceCheck } from '@/lib/model'
import { Badge } from '@/components/ui/badge'

/** The text of a face check: the similarity with its flag, "not checked", or "check failed". */
export function faceText(f: FaceCheck | undefined): string {
  if (!f || f.status === 'not-checked' || f.similarity == null) {
    return f?.status === 'failed' ? 'Face: check failed' : 'Face: not checked'
  }
  const score = `Face ${f.similarity.toFixed(2)}`
  return f.flagged ? `${score} · below ${f.threshold}` : score
}

/** A face check as a badge; the reason (why not checked, why it failed) is its tooltip. */
export function FaceBadge({ faceCheck, className }: { faceCheck: FaceCheck | undefined; className?: string }) {
  const variant = faceCheck?.status === 'checked' ? (faceCheck.flagged ? 'warning' : 'success') : 'secondary'
  return (
    <Badge variant={variant} className={className} title={faceCheck?.reason ?? undefined} data-testid="face-check" data-status={faceCheck?.status ?? 'not-checked'}>
      <ScanFace className="mr-1 size-3" />
      {faceText(faceCheck)}
    </Badge>
  )
}

/** The face checks of a post's images, for review (assets Troupe did not generate come back "not checked"). */
export function useFaceChecks(assetIds: string[]) {
  return useQuery({
    queryKey: ['face-checks', ...assetIds],
    enabled: assetIds.length > 0,
    queryFn: async () => (await data(client.GET('/api/v1/generations/face-checks', { params: { query: { assetId: assetIds.slice(0, 50) } } }))) as AssetFaceCheck[],
    staleTime: 30_000,
  })
}
