package io.postkit.core.internal.clone;

import io.postkit.core.internal.model.QualifiedName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CopyUnitTest {

    private static TableData table(long blocks, RowSelection selection) {
        return new TableData(QualifiedName.of("public", "Order Items"), List.of("id", "select"), blocks * 8192, blocks,
                selection);
    }

    @Test
    void aWholeTableIsCopiedByNameAndLoadedFrozen() {
        CopyUnit unit = CopyUnit.of(table(10, RowSelection.ALL), 100, 2, true).get(0);
        assertEquals("COPY \"public\".\"Order Items\" (\"id\", \"select\") TO STDOUT (FORMAT binary)", unit.copyOut());
        assertEquals("COPY \"public\".\"Order Items\" (\"id\", \"select\") FROM STDIN (FORMAT binary, FREEZE)",
                unit.copyIn());
    }

    @Test
    void aBigTableIsCutIntoRangesAMultipleOfTheWorkersTheLastOpenEnded() {
        List<CopyUnit> units = CopyUnit.of(table(250, RowSelection.ALL), 100, 2, true);
        assertEquals(List.of("0-63", "63-126", "126-189", "189-end"), units.stream()
                .map(u -> u.firstBlock() + "-" + (u.endBlock() == -1 ? "end" : u.endBlock())).toList(),
                "three units' worth of blocks, rounded up to four ranges for two workers");
        assertEquals("COPY (SELECT \"id\", \"select\" FROM ONLY \"public\".\"Order Items\" WHERE ctid >= '(0,0)'::tid"
                + " AND ctid < '(63,0)'::tid) TO STDOUT (FORMAT binary)", units.get(0).copyOut());
        assertEquals("COPY (SELECT \"id\", \"select\" FROM ONLY \"public\".\"Order Items\" WHERE ctid >= '(189,0)'::tid)"
                + " TO STDOUT (FORMAT binary)", units.get(3).copyOut());
        assertEquals("COPY \"public\".\"Order Items\" (\"id\", \"select\") FROM STDIN (FORMAT binary)",
                units.get(0).copyIn(), "ranges share the table: no FREEZE");
        assertEquals(List.of(63L * 8192, 63L * 8192, 63L * 8192, 61L * 8192),
                units.stream().map(CopyUnit::estimatedBytes).toList());
        assertEquals(1, CopyUnit.of(table(199, RowSelection.ALL), 100, 2, true).size(), "under two units: whole");
        assertEquals(3, CopyUnit.of(table(250, RowSelection.ALL), 100, 3, true).size());
    }

    @Test
    void noRangesWhereTheServerCannotScanThemOrForSamples() {
        assertEquals(1, CopyUnit.of(table(1000, RowSelection.ALL), 100, 2, false).size());
        assertEquals(1, CopyUnit.of(table(1000, new RowSelection.Percent(10)), 100, 2, true).size());
    }

    @Test
    void samplesAreQueries() {
        assertEquals("COPY (SELECT \"id\", \"select\" FROM ONLY \"public\".\"Order Items\" TABLESAMPLE BERNOULLI (0.5)"
                        + " REPEATABLE (0)) TO STDOUT (FORMAT binary)",
                CopyUnit.of(table(10, new RowSelection.Percent(0.5)), 100, 2, true).get(0).copyOut());
        assertEquals("COPY (SELECT \"id\", \"select\" FROM ONLY \"public\".\"Order Items\" LIMIT 1000) TO STDOUT"
                        + " (FORMAT binary)",
                CopyUnit.of(table(10, new RowSelection.FirstRows(1000)), 100, 2, true).get(0).copyOut());
    }
}
