package io.postkit.core.internal.render;

import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.Sequence;
import io.postkit.core.internal.model.SequenceOptions;

import java.util.Set;

import static io.postkit.core.internal.sql.Identifiers.quote;

/** Sequences: every parameter is spelled out, so the result does not depend on the server's defaults. */
final class SequenceSql {

    private SequenceSql() {
    }

    static PlannedStatement create(Sequence sequence) {
        return new PlannedStatement("CREATE SEQUENCE " + quote(sequence.name()) + " " + parameters(sequence.options()),
                "sequence", sequence.name().toString(), Set.of(), true);
    }

    static PlannedStatement alter(Sequence sequence) {
        return new PlannedStatement("ALTER SEQUENCE " + quote(sequence.name()) + " " + parameters(sequence.options()),
                "sequence", sequence.name().toString(), Set.of(), true);
    }

    static PlannedStatement owner(Sequence sequence) {
        String owner = sequence.ownedBy() == null ? "NONE"
                : quote(sequence.ownedBy().table()) + "." + quote(sequence.ownedBy().column());
        return new PlannedStatement("ALTER SEQUENCE " + quote(sequence.name()) + " OWNED BY " + owner, "sequence",
                sequence.name().toString(), Set.of(), true);
    }

    static PlannedStatement drop(QualifiedName sequence) {
        return new PlannedStatement("DROP SEQUENCE " + quote(sequence), "sequence", sequence.toString(),
                Set.of(Hazard.DATA_LOSS), true);
    }

    /** {@code AS type START WITH … NO CYCLE}: valid in CREATE and ALTER SEQUENCE alike. */
    static String parameters(SequenceOptions o) {
        return "AS " + o.dataType() + " INCREMENT BY " + o.increment() + " MINVALUE " + o.min() + " MAXVALUE " + o.max()
                + " START WITH " + o.start() + " CACHE " + o.cache() + (o.cycle() ? " CYCLE" : " NO CYCLE");
    }
}
