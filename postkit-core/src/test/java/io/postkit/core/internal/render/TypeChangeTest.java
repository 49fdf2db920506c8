package io.postkit.core.internal.render;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TypeChangeTest {

    /** R = TABLE_REWRITE + LONG_LOCK, L = DATA_LOSS, K = LONG_LOCK alone, - = nothing. */
    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            character varying(10)          | character varying(50)          | -
            character varying(10)          | character varying              | -
            character varying(10)          | text                           | -
            text                           | character varying              | -
            character varying(50)          | character varying(10)          | R L
            text                           | character varying(10)          | R L
            text                           | character(3)                   | R L
            character(5)                   | character(10)                  | R
            numeric(10,2)                  | numeric(12,2)                  | -
            numeric(10,2)                  | numeric                        | -
            numeric(10,4)                  | numeric(12,2)                  | R L
            numeric(10,2)                  | numeric(12,4)                  | R
            numeric                        | numeric(12,2)                  | R L
            numeric(12,2)                  | integer                        | R L
            double precision               | bigint                         | R L
            integer                        | bigint                         | R
            bigint                         | integer                        | R
            text                           | integer                        | R
            timestamp(3) without time zone | timestamp without time zone    | -
            timestamp without time zone    | timestamp(6) without time zone | -
            timestamp without time zone    | timestamp(3) without time zone | R L
            timestamp without time zone    | timestamp with time zone       | R
            time(2) with time zone         | time(4) with time zone         | -
            public.status                  | text                           | R
            text                           | text                           | K
            """)
    void hazardsFollowWhatPostgresqlRewritesAndWhatTheCastMayCut(String from, String to, String expected) {
        assertEquals(hazards(expected), TypeChange.hazards(from, to));
    }

    private static Set<Hazard> hazards(String codes) {
        Set<Hazard> hazards = EnumSet.noneOf(Hazard.class);
        Arrays.stream(codes.split(" ")).forEach(code -> {
            switch (code) {
                case "R" -> hazards.addAll(Set.of(Hazard.TABLE_REWRITE, Hazard.LONG_LOCK));
                case "L" -> hazards.add(Hazard.DATA_LOSS);
                case "K" -> hazards.add(Hazard.LONG_LOCK);
                default -> { }
            }
        });
        return hazards;
    }
}
