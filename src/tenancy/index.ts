// Front door of tenancy: tenants, memberships and the tenant scope every query carries.
export type { TenantScope } from '../infra/scope'
export {
  getTenant,
  listTenants,
  membershipIn,
  membershipsOf,
  type Membership,
  type MembershipRole,
  type Tenant,
} from './tenancy.repo'
export { memberships, tenantInvites, tenants } from './tenancy.schema'
export { claimInvites } from './claim-invites'
export { inviteOwner } from './invite-owner'
export { setTenantStatus } from './suspend-tenant'
export { staffCount } from './staff-count'
export { checkBrandColor, contrastRatio, MIN_CONTRAST, type BrandText } from './brand-color'
export { isTimeZone, TIME_ZONES } from './time-zones'
export { getShopSettings, type SettingsChange, type ShopSettings, updateShopSettings } from './shop-settings'
export {
  changeTeamRole,
  type InviteDestination,
  inviteToTeam,
  isTeamRole,
  listPendingInvites,
  listTeam,
  type PendingInvite,
  removeFromTeam,
  type TeamMember,
  type TeamRole,
} from './team'
export { sendTeamInvite } from './send-invite'
export { type ShopBrand, shopBrands } from './shop-brand'
