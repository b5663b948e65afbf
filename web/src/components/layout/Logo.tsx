export function Logo({ className = '' }: { className?: string }) {
  return (
    <div className={`flex items-center gap-2.5 ${className}`}>
      <div className="flex size-8 items-center justify-center rounded-lg bg-violet-600 text-sm font-bold text-white shadow-sm">T</div>
      <span className="text-base font-semibold tracking-tight">Troupe</span>
    </div>
  )
}
