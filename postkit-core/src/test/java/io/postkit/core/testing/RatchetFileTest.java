package io.postkit.core.testing;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RatchetFileTest {

    /** src/test/resources/testing/ratchet-example.txt: two entries, a comment and a blank line. */
    private final RatchetFile file = RatchetFile.load("testing/ratchet-example.txt");

    @Test
    void readsEntriesWithoutCommentsAndBlankLines() {
        assertEquals(Set.of("15 | a | up | - x", "18 | b | down | + y"), file.entries());
    }

    @Test
    void whatWasSeenIsWhatIsListed() {
        assertEquals("", file.compare(List.of("15 | a | up | - x", "18 | b | down | + y"), e -> true));
    }

    @Test
    void somethingNewIsNamed() {
        assertEquals("1 not listed in postkit-core/src/test/resources/testing/ratchet-example.txt (fix them, or list"
                        + " them if they are expected):\n  15 | c | up | - z\n",
                file.compare(List.of("15 | a | up | - x", "15 | c | up | - z", "18 | b | down | + y"), e -> true));
    }

    @Test
    void somethingGoneIsNamedOnlyInScope() {
        assertEquals("1 listed in postkit-core/src/test/resources/testing/ratchet-example.txt but no longer seen"
                + " (remove them from the list):\n  18 | b | down | + y\n", file.compare(List.of(), e -> e.startsWith("18 ")));
        assertEquals("", file.compare(List.of("15 | a | up | - x"), e -> e.startsWith("15 ")));
    }

    @Test
    void aMissingFileIsAnEmptyList() {
        RatchetFile none = RatchetFile.load("testing/no-such-list.txt");
        assertEquals(Set.of(), none.entries());
        assertEquals("1 not listed in postkit-core/src/test/resources/testing/no-such-list.txt (fix them, or list"
                + " them if they are expected):\n  x\n", none.compare(List.of("x"), e -> true));
    }
}
