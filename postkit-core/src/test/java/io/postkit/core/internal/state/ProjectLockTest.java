package io.postkit.core.internal.state;

import io.postkit.core.api.PostkitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectLockTest {

    @TempDir
    Path project;

    private Path stateDir() {
        return project.resolve(".postkit");
    }

    @Test
    void createsTheStateFolderAndItsLockFile() {
        try (ProjectLock lock = ProjectLock.acquire(stateDir())) {
            assertTrue(Files.isRegularFile(stateDir().resolve("lock")));
        }
    }

    @Test
    void aSecondLockOnTheSameProjectIsRefusedWithWhatToDo() {
        try (ProjectLock first = ProjectLock.acquire(stateDir())) {
            PostkitException e = assertThrows(PostkitException.class, () -> ProjectLock.acquire(stateDir()));
            assertEquals("Another postkit goal is running in this project (" + stateDir() + " is locked). Wait for"
                    + " it to finish, then run this goal again.", e.getMessage());
        }
    }

    @Test
    void isFreeAgainAfterClosingAndAfterARefusal() {
        ProjectLock first = ProjectLock.acquire(stateDir());
        assertThrows(PostkitException.class, () -> ProjectLock.acquire(stateDir()));
        first.close();
        // the refused attempt must not have left a channel holding anything
        ProjectLock.acquire(stateDir()).close();
        ProjectLock.acquire(stateDir()).close();
    }

    @Test
    void closingTwiceIsHarmless() {
        ProjectLock lock = ProjectLock.acquire(stateDir());
        lock.close();
        assertDoesNotThrow(lock::close);
        assertDoesNotThrow(() -> ProjectLock.acquire(stateDir()).close(), "the lock is free after the second close");
    }

    @Test
    void differentProjectsDoNotBlockEachOther() {
        try (ProjectLock a = ProjectLock.acquire(project.resolve("a/.postkit"));
             ProjectLock b = ProjectLock.acquire(project.resolve("b/.postkit"))) {
            assertTrue(Files.exists(project.resolve("b/.postkit/lock")));
        }
    }

    @Test
    void aStateFolderThatCannotBeMadeIsAClearError() throws Exception {
        Files.writeString(project.resolve("file"), "not a folder");
        PostkitException e = assertThrows(PostkitException.class,
                () -> ProjectLock.acquire(project.resolve("file/.postkit")));
        assertEquals("Cannot lock " + project.resolve("file/.postkit/lock") + ": " + project.resolve("file/.postkit")
                + ": Not a directory", e.getMessage());
    }
}
