package io.postkit.core.internal.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import io.postkit.core.api.PostkitException;
import io.postkit.core.api.PostkitLog;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.embedded.ServerSettings;
import org.testcontainers.DockerClientFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A project's local servers as containers of the official {@code postgres:<major>} image, reached through
 * Testcontainers' Docker client: one container per project and major ({@code postkit-<project>-pg<major>}), bound to
 * a loopback port, trusted there, tuned for loading like the embedded server. Like the embedded server it runs for
 * the length of a goal (or longer with {@code keepRunning}) and keeps its data between goals: the container is
 * stopped, never removed, so the session's clone is still there for the next goal.
 */
public final class DockerServers {

    private static final int PG_PORT = 5432;
    private static final String SUPERUSER = "postgres";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final String project;
    private final boolean keepRunning;
    private final PostkitLog log;

    /** @param project a key of the project (no path): it names the containers */
    public DockerServers(String project, boolean keepRunning, PostkitLog log) {
        this.project = project;
        this.keepRunning = keepRunning;
        this.log = log;
    }

    /** Starts the project's container of this major (creating it, and pulling the image, the first time). */
    public RunningServer start(int major) {
        DockerClient docker = client();
        String name = "postkit-" + project + "-pg" + major;
        String id = find(docker, name).orElseGet(() -> create(docker, name, major));
        boolean startedHere = !Boolean.TRUE.equals(inspect(docker, id).getState().getRunning());
        if (startedHere) {
            docker.startContainerCmd(id).exec();
        }
        int port = hostPort(inspect(docker, id), name);
        awaitReady(port, name);
        log.info("Local PostgreSQL " + major + " runs in container " + name + " on localhost:" + port);
        return RunningServer.onPort(port, SUPERUSER, startedHere, () -> docker.stopContainerCmd(id).exec())
                .keepRunning(keepRunning);
    }

    /**
     * Testcontainers' client, or a failure that says at once what to do: postkit never waits for an engine that is
     * not there.
     */
    static DockerClient client() {
        String reason;
        try {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                return DockerClientFactory.instance().client();
            }
            reason = "no Docker engine is reachable";
        } catch (RuntimeException e) {
            reason = "no Docker engine is reachable (" + e.getMessage() + ")";
        }
        throw new PostkitException("The docker local provider needs a Docker engine, and " + reason + ". Use the"
                + " embedded provider, which needs none: remove <local><provider>docker</provider> (or set"
                + " -Dpostkit.local.provider=embedded). Where Docker runs, check that DOCKER_HOST or"
                + " /var/run/docker.sock reaches it.");
    }

    private static java.util.Optional<String> find(DockerClient docker, String name) {
        return docker.listContainersCmd().withShowAll(true).withNameFilter(List.of(name)).exec().stream()
                .filter(c -> List.of(c.getNames()).contains("/" + name)).map(c -> c.getId()).findFirst();
    }

    private String create(DockerClient docker, String name, int major) {
        String image = "postgres:" + major;
        pullIfMissing(docker, image);
        ExposedPort pg = ExposedPort.tcp(PG_PORT);
        Ports ports = new Ports();
        ports.bind(pg, Ports.Binding.bindIp("127.0.0.1"));
        log.info("Creating container " + name + " from " + image);
        return docker.createContainerCmd(image).withName(name).withExposedPorts(pg)
                .withEnv("POSTGRES_HOST_AUTH_METHOD=trust", "LC_MESSAGES=C")
                .withLabels(Map.of("io.postkit.project", project))
                .withCmd(command(major))
                .withHostConfig(HostConfig.newHostConfig().withPortBindings(ports))
                .exec().getId();
    }

    /** The embedded provider's tuning for a throwaway clone's server, on the container's command line. */
    private static List<String> command(int major) {
        List<String> command = new ArrayList<>(List.of("postgres"));
        command.addAll(ServerSettings.throwawayClone().commandLine(major));
        return command;
    }

    private void pullIfMissing(DockerClient docker, String image) {
        try {
            docker.inspectImageCmd(image).exec();
        } catch (NotFoundException missing) {
            log.info("Pulling " + image);
            try {
                docker.pullImageCmd(image).start().awaitCompletion();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PostkitException("Interrupted while pulling " + image + ".", e);
            }
        }
    }

    private static InspectContainerResponse inspect(DockerClient docker, String id) {
        return docker.inspectContainerCmd(id).exec();
    }

    private static int hostPort(InspectContainerResponse container, String name) {
        Ports.Binding[] bindings = container.getNetworkSettings().getPorts().getBindings()
                .get(ExposedPort.tcp(PG_PORT));
        if (bindings == null || bindings.length == 0) {
            throw new PostkitException("Container " + name + " publishes no port for PostgreSQL; remove it (docker rm "
                    + name + ") and postkit creates it again.");
        }
        return Integer.parseInt(bindings[0].getHostPortSpec());
    }

    /** The image's entrypoint runs initdb with a server on no TCP port first: ready is when TCP answers. */
    private static void awaitReady(int port, String name) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Properties props = new Properties();
        props.setProperty("user", SUPERUSER);
        props.setProperty("connectTimeout", "5");
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try (Connection ignored = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres",
                    props)) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PostkitException("Interrupted while waiting for container " + name + ".", e);
            }
        }
        throw new PostkitException("PostgreSQL in container " + name + " did not accept connections within "
                + READY_TIMEOUT.toSeconds() + " s" + (last == null ? "" : ": " + last.getMessage()) + ". See docker"
                + " logs " + name + ".", last);
    }
}
