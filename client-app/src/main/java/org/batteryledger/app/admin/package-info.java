/**
 * User administration: the local administrator ({@link org.batteryledger.app.admin.AdminAccounts},
 * created on first start by {@code AdminStartup}) and what it may do under {@code /api/admin}:
 * bootstrap the registry with the first regulator, create users for registered participants in
 * the roles the on-ledger registry gives them, disable them, set their passwords and revoke their
 * tokens. Administrators act for no participant and never reach the ledger as themselves.
 */
@NonNullApi
package org.batteryledger.app.admin;

import org.springframework.lang.NonNullApi;
