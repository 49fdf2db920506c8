package io.postkit.core.api;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CloneOptionsTest {

    @Test
    void aSampleIsAPercentageOrARowCount() {
        assertEquals(CloneOptions.Sample.percent(10), CloneOptions.Sample.parse("10%"));
        assertEquals(CloneOptions.Sample.percent(0.5), CloneOptions.Sample.parse(" 0.5 % "));
        assertEquals(CloneOptions.Sample.percent(100), CloneOptions.Sample.parse("100%"));
        assertEquals(CloneOptions.Sample.rows(1000), CloneOptions.Sample.parse("1000"));
        assertEquals("10%", CloneOptions.Sample.parse("10%").toString());
        assertEquals("0.5%", CloneOptions.Sample.parse("0.5%").toString());
        assertEquals("1000 rows per table", CloneOptions.Sample.parse("1000").toString());
    }

    @Test
    void anythingElseIsAClearError() {
        for (String bad : List.of("0", "0%", "101%", "-5", "ten", "10 rows", "%", "1e3", "12.5")) {
            PostkitException e = assertThrows(PostkitException.class, () -> CloneOptions.Sample.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("<clone><sample> (postkit.clone.sample) is '" + bad + "'; give a"
                    + " percentage above 0 and at most 100 such as 10% or 0.5%, or a number of rows per table"),
                    e.getMessage());
        }
    }

    @Test
    void userPropertiesAreCommaSeparatedAndBlankMeansNotSet() {
        CloneOptions options = CloneOptions.of(false, CloneOptions.patterns("audit.*, *_log,,"), " ");
        assertEquals(List.of("audit.*", "*_log"), options.excludeData());
        assertEquals(null, options.sample());
        assertEquals("no rows of audit.*, *_log; rows that copied rows reference are copied too", options.describe());
        assertEquals("every row", CloneOptions.FULL.describe());
        assertEquals("schema only", CloneOptions.of(true, List.of("x"), "5%").describe());
        assertEquals("a sample of 5%; rows that copied rows reference are copied too",
                CloneOptions.of(false, null, "5%").describe());
    }
}
