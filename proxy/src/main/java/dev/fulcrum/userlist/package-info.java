/**
 * {@code userlist} sections: users with clear or crypt(3)-hashed passwords and
 * groups, as {@code http_auth}, {@code http_auth_group} and {@code http-request auth}
 * use them. {@link dev.fulcrum.userlist.Crypt} checks the hashed passwords.
 */
package dev.fulcrum.userlist;
