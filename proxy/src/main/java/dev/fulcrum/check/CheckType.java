package dev.fulcrum.check;

/** Which check a backend's servers run: the last {@code option ...-check} of the backend wins, as in HAProxy. */
public enum CheckType {
    /** a TCP connection only (no option) */
    TCP,
    /** {@code option httpchk} */
    HTTP,
    /** {@code option tcp-check}: the backend's {@code tcp-check} rules */
    TCP_CHECK,
    REDIS, SSL_HELLO, MYSQL, PGSQL, SMTP, LDAP,
    /** {@code option external-check}: a command run for each check */
    EXTERNAL
}
