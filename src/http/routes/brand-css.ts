// A shop's brand colour as a stylesheet: the CSP allows styles only from our origin (no inline
// style attributes), so a page that shows a shop's colour links /brand.css?c=rrggbb. The text
// colour is computed here from the colour by the same contrast check the settings use, so no
// combination a page can ask for is unreadable. Public: a colour is no one's data.
import { Elysia } from 'elysia'
import { checkBrandColor } from '../../tenancy'

/** The stylesheet and the class it defines; one class per colour, so cards of several shops can share a page. */
export const brandStyle = (color: string) => {
  const hex = color.replace('#', '').toLowerCase()
  return { css: `/brand.css?c=${encodeURIComponent(hex)}`, className: `shop-brand-${hex}` }
}

export const brandCssRoutes = new Elysia({ name: 'brand-css' }).get('/brand.css', ({ query, set, status }) => {
  const brand = /^[0-9a-fA-F]{6}$/.test(query.c ?? '') ? checkBrandColor(`#${query.c}`) : null
  if (!brand?.ok) return status(404, 'Not found')
  set.headers['content-type'] = 'text/css; charset=utf-8'
  set.headers['cache-control'] = 'public, max-age=31536000, immutable'
  const cls = `.${brandStyle(brand.color).className}`
  return `${cls}{background:${brand.color};color:${brand.text};border-color:${brand.color}}${cls} a,${cls} .muted,${cls} h1,${cls} h2,${cls} p{color:inherit}\n`
})
