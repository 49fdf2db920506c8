package io.postkit.core.internal.workflow;

import io.postkit.core.api.PostkitException;
import io.postkit.core.api.RemoteConfig;

/**
 * The user's consent to change a remote: asked interactively; in batch mode given in advance with
 * {@code -Dpostkit.yes}, or by the remote's {@code <confirm>false</confirm>}. Checked before any work, so a batch
 * build without it fails at once.
 */
public final class RemoteWriteConsent {

    private final Project project;
    private final RemoteConfig remote;
    private final boolean needed;

    private RemoteWriteConsent(Project project, RemoteConfig remote, boolean needed) {
        this.project = project;
        this.remote = remote;
        this.needed = needed;
    }

    /**
     * @param yes    consent given in advance
     * @param action what will be done, as the start of a sentence: "Deploying to", "Running seeds/ on"
     */
    public static RemoteWriteConsent check(Project project, RemoteConfig remote, boolean yes, String action) {
        boolean needed = remote.confirm() && !yes;
        if (needed && !project.host().confirmation().interactive()) {
            throw new PostkitException(action + " remote '" + remote.name() + "' needs confirmation, and this build"
                    + " cannot ask (batch mode). Run with -Dpostkit.yes, or set <confirm>false</confirm> on the"
                    + " remote.");
        }
        return new RemoteWriteConsent(project, remote, needed);
    }

    /** Asks {@code question} when consent is still needed; a "no" ends the goal with nothing changed. */
    public void confirm(String question) {
        if (needed && !project.host().confirmation().confirm(question)) {
            throw new PostkitException("Cancelled; remote '" + remote.name() + "' was not changed.");
        }
    }
}
