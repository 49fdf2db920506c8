package io.postkit.core.internal.migration;

import io.postkit.core.api.PostkitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationVersionsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:15:30.700Z"), ZoneOffset.ofHours(5));

    @Test
    void isNowInUtcWhateverTheClocksZone() {
        assertEquals("20261122101530", MigrationVersions.next(CLOCK, List.of()));
    }

    @Test
    void isOneSecondAfterAVersionMadeInTheSameSecond() {
        assertEquals("20261122101531", MigrationVersions.next(CLOCK, List.of("20261122101530")));
    }

    @Test
    void isAfterEveryExistingVersionInAnyOrder() {
        assertEquals("20261122101533", MigrationVersions.next(CLOCK, List.of("20261122101532", "20261122101530")));
        assertEquals("20261122101533", MigrationVersions.next(CLOCK, List.of("20261122101530", "20261122101532")));
    }

    @Test
    void olderVersionsDoNotMatter() {
        assertEquals("20261122101530", MigrationVersions.next(CLOCK, List.of("20261122101529", "19990101000000")));
    }

    @Test
    void aVersionFromAClockAheadOfOursStillComesFirst() {
        assertEquals("20270101000000", MigrationVersions.next(CLOCK, List.of("20261231235959")));
    }

    @Test
    void successiveVersionsAreUnique() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(MigrationVersions.next(CLOCK, made));
        }
        assertEquals(List.of("20261122101530", "20261122101531", "20261122101532"), made);
    }

    @ParameterizedTest
    @ValueSource(strings = {"001", "20261340000000", "20260231000000", "2026112210153x"})
    void anExistingVersionThatIsNoTimestampIsNamed(String version) {
        PostkitException e = assertThrows(PostkitException.class,
                () -> MigrationVersions.next(CLOCK, List.of(version)));
        assertTrue(e.getMessage().startsWith("Migration version '" + version + "' is not a UTC timestamp"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "add_orders_2", "0", "_"})
    void acceptsLowerCaseLettersDigitsAndUnderscores(String name) {
        assertDoesNotThrow(() -> MigrationVersions.validateName(name));
    }

    @Test
    void acceptsUpTo60Characters() {
        MigrationVersions.validateName("a".repeat(60));
        PostkitException e = assertThrows(PostkitException.class,
                () -> MigrationVersions.validateName("a".repeat(61)));
        assertEquals("Migration name '" + "a".repeat(61) + "' is not valid: use 1 to 60 lower-case letters, digits and"
                + " underscores, e.g. -Dpostkit.name=add_orders.", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Add Orders", "add-orders", "AddOrders", "add.orders", "../x", "ä"})
    void refusesOtherNamesSayingWhatIsAllowed(String name) {
        PostkitException e = assertThrows(PostkitException.class, () -> MigrationVersions.validateName(name));
        assertEquals("Migration name '" + name + "' is not valid: use 1 to 60 lower-case letters, digits and"
                + " underscores, e.g. -Dpostkit.name=add_orders.", e.getMessage());
    }

    @Test
    void aMissingNameSaysHowToGiveOne() {
        for (String name : new String[] {null, "", "  "}) {
            PostkitException e = assertThrows(PostkitException.class, () -> MigrationVersions.validateName(name));
            assertEquals("A migration needs a name: add -Dpostkit.name=<name> (1 to 60 lower-case letters, digits and"
                    + " underscores), e.g. -Dpostkit.name=add_orders.", e.getMessage());
        }
    }
}
