// The landing page.
import { Elysia } from 'elysia'
import { LandingPage } from '../../../views/public/landing'

export const publicPages = new Elysia({ name: 'public-pages' }).get('/', () => LandingPage())
