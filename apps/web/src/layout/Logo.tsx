/** The product mark: a signal-tower glyph on the brand blue. */
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="7" fill="#1456f0" />
      <path d="M16 13.5 11 26h2.6l1-2.6h2.8l1 2.6H21L16 13.5Zm-.6 7.4.6-1.7.6 1.7h-1.2Z" fill="#fff" />
      <circle cx="16" cy="11" r="2" fill="#fff" />
      <path
        d="M10.6 6.6a7.6 7.6 0 0 0 0 8.8M21.4 6.6a7.6 7.6 0 0 1 0 8.8M13 8.6a4.4 4.4 0 0 0 0 4.8M19 8.6a4.4 4.4 0 0 1 0 4.8"
        stroke="#fff"
        strokeWidth="1.6"
        fill="none"
        strokeLinecap="round"
      />
    </svg>
  );
}
