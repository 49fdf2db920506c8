package io.postkit.core.api;

/** A user name and password (possibly null: then the server decides, e.g. trust or ~/.pgpass). */
public record Credentials(String user, String password) {

    /** Never prints the password. */
    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=" + (password == null ? "none" : "***") + "]";
    }
}
