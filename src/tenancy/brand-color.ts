// White-label colour checks, pure. The shop's colour fills the consumer's wallet card, so the
// text on it must stay readable: WCAG 2.x contrast ratio ≥ 4.5:1 (normal text, level AA). The
// text is black or white, whichever contrasts more. No #rrggbb colour fails both: the worst
// case (luminance ≈ 0.18) still gives √(1.05/0.05) ≈ 4.58:1, so picking is always enough and
// nothing needs refusing (ADR 0022); the ratio is kept so the settings page can show it.
const HEX = /^#[0-9a-f]{6}$/

export const MIN_CONTRAST = 4.5
export type BrandText = '#000000' | '#ffffff'

/** WCAG relative luminance of an sRGB #rrggbb colour. */
export function relativeLuminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

export type BrandCheck = { ok: true; color: string; text: BrandText; ratio: number } | { ok: false; reason: string }

/** Normalises #RRGGBB to lower case and picks the readable text colour; refuses other syntax. */
export function checkBrandColor(raw: string): BrandCheck {
  const color = raw.trim().toLowerCase()
  if (!HEX.test(color)) return { ok: false, reason: 'Use a colour like #1a6b3c (# and six hex digits)' }
  const onBlack = contrastRatio(color, '#000000')
  const onWhite = contrastRatio(color, '#ffffff')
  const best =
    onWhite >= onBlack ? { text: '#ffffff' as const, ratio: onWhite } : { text: '#000000' as const, ratio: onBlack }
  return { ok: true, color, text: best.text, ratio: best.ratio }
}
