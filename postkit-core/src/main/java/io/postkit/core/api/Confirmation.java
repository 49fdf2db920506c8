package io.postkit.core.api;

/** Asks the user before something irreversible happens to a remote. */
public interface Confirmation {

    /** Whether a person can answer (false in batch mode and CI). */
    boolean interactive();

    /** Asks a yes/no question; only called when {@link #interactive()}. */
    boolean confirm(String question);

    Confirmation BATCH = new Confirmation() {
        @Override public boolean interactive() { return false; }
        @Override public boolean confirm(String question) { return false; }
    };
}
