package io.postkit.core.internal.sql;

import io.postkit.core.internal.model.QualifiedName;

/**
 * Quoting of identifiers and literals for SQL that postkit generates. Every name read from a user's database goes
 * through here: always quoted, so reserved words, upper case and odd characters survive.
 */
public final class Identifiers {

    private Identifiers() {
    }

    public static String quote(String identifier) {
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("identifier contains a NUL character");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    public static String quote(QualifiedName name) {
        return quote(name.schema()) + "." + quote(name.name());
    }

    /** A standard-conforming string literal (doubling quotes is enough with standard_conforming_strings on). */
    public static String literal(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("literal contains a NUL character");
        }
        return '\'' + value.replace("'", "''") + '\'';
    }
}
