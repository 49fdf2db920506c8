package io.postkit.core.internal.render;

import io.postkit.core.internal.model.CommentTarget;
import io.postkit.core.internal.model.QualifiedName;

import java.util.Set;

import static io.postkit.core.internal.sql.Identifiers.literal;
import static io.postkit.core.internal.sql.Identifiers.quote;

/** {@code COMMENT ON … IS '…'} (or {@code IS NULL}). */
final class CommentSql {

    private CommentSql() {
    }

    static PlannedStatement set(CommentTarget target, String text) {
        String sql = "COMMENT ON " + on(target) + " IS " + (text == null ? "NULL" : literal(text));
        return new PlannedStatement(sql, "comment", target.toString(), Set.of(), true);
    }

    private static String on(CommentTarget target) {
        QualifiedName object = target.object();
        return switch (target.kind()) {
            case SCHEMA -> "SCHEMA " + quote(object.name());
            case TABLE -> "TABLE " + quote(object);
            case VIEW -> "VIEW " + quote(object);
            case MATERIALIZED_VIEW -> "MATERIALIZED VIEW " + quote(object);
            case COLUMN -> "COLUMN " + quote(object) + "." + quote(target.member());
            case CONSTRAINT -> "CONSTRAINT " + quote(target.member()) + " ON " + quote(object);
            case INDEX -> "INDEX " + quote(object);
            case SEQUENCE -> "SEQUENCE " + quote(object);
            case ROUTINE -> "ROUTINE " + quote(object) + "(" + target.member() + ")";
            case TRIGGER -> "TRIGGER " + quote(target.member()) + " ON " + quote(object);
            case TYPE -> "TYPE " + quote(object);
        };
    }
}
