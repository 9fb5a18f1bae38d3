import { sessionCookie } from '../session-cookie';

/** A working day at a desk; then the admin pastes the key again. */
export const ADMIN_SESSION_MS = 8 * 60 * 60 * 1000;

/** The dashboard's session: for /admin only. */
export const adminSession = sessionCookie({ name: 'sec_admin_session', path: '/admin', lengthMs: ADMIN_SESSION_MS });
