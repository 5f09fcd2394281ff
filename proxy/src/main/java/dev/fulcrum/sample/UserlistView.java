package dev.fulcrum.sample;

/** A {@code userlist} section as {@code http_auth} and {@code http_auth_group} use it. */
public interface UserlistView {

    /** Whether {@code user} exists and {@code password} is its password. */
    boolean check(String user, String password);

    /** Whether {@code user} belongs to {@code group}. */
    boolean inGroup(String user, String group);
}
