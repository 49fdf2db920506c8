package io.postkit.maven;

import io.postkit.core.api.PostkitException;
import org.apache.maven.exception.DefaultExceptionHandler;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A user's error ends the build with postkit's one message as Maven prints it. Maven appends the message of every
 * cause its text does not contain, so PostgreSQL's raw text ("ERROR: type … does not exist\n  Position: 78") once
 * came after postkit's advice; the cause stays for {@code mvn -e}.
 */
class FailureMessageTest {

    @Test
    void mavenPrintsPostkitsMessageAloneAndKeepsTheCauseForDashE() {
        SQLException server = new SQLException("ERROR: type \"numerc\" does not exist\n  Position: 78", "42704");
        PostkitException failure = new PostkitException("db/schema/t.sql:6:12: ERROR: type \"numerc\" does not exist"
                + " (SQLSTATE 42704)\nFix the schema file and run postkit:plan again.", server);
        AbstractPostkitMojo mojo = new AbstractPostkitMojo(null, null) {
            @Override
            protected void run() {
                throw failure;
            }
        };

        MojoFailureException thrown = assertThrows(MojoFailureException.class, mojo::execute);

        assertEquals(failure.getMessage(), new DefaultExceptionHandler().handleException(thrown).getMessage());
        assertSame(failure, thrown.getSuppressed()[0], "mvn -e still shows what PostgreSQL said, and where");
    }
}
