// A shop's white-label look on consumer pages: the stylesheet that colours its card (the CSP
// allows no inline styles) and its logo. `className` is added to the card by the caller.
export type BrandView = { css: string | null; className: string; logoUrl: string | null }

export function BrandAssets(p: { brand?: BrandView | undefined; shopName: string }) {
  if (!p.brand) return ''
  return (
    <>
      {p.brand.css ? <link rel="stylesheet" href={p.brand.css} /> : ''}
      {p.brand.logoUrl ? (
        <img class="shop-logo" src={p.brand.logoUrl} alt={`${p.shopName} logo`} height="48" loading="lazy" />
      ) : (
        ''
      )}
    </>
  )
}
