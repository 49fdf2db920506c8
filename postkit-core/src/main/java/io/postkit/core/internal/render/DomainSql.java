package io.postkit.core.internal.render;

import io.postkit.core.internal.model.Constraint;
import io.postkit.core.internal.model.Domain;
import io.postkit.core.internal.model.QualifiedName;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static io.postkit.core.internal.sql.Identifiers.quote;

/** Domains. */
final class DomainSql {

    private DomainSql() {
    }

    static PlannedStatement create(Domain domain) {
        StringBuilder sql = new StringBuilder("CREATE DOMAIN " + quote(domain.name()) + " AS " + domain.baseType());
        if (domain.collation() != null) {
            sql.append(" COLLATE ").append(domain.collation());
        }
        if (domain.defaultExpression() != null) {
            sql.append(" DEFAULT ").append(domain.defaultExpression());
        }
        if (domain.notNull()) {
            sql.append(" NOT NULL");
        }
        for (Constraint check : domain.constraints()) {
            sql.append(" CONSTRAINT ").append(quote(check.name())).append(' ').append(check.definition());
        }
        return new PlannedStatement(sql.toString(), "domain", domain.name().toString(), Set.of(), true);
    }

    static PlannedStatement drop(QualifiedName domain) {
        return new PlannedStatement("DROP DOMAIN " + quote(domain), "domain", domain.toString(), Set.of(), true);
    }

    /** One ALTER DOMAIN per difference; new checks and NOT NULL scan every column of the domain. */
    static PlannedStatement alter(Domain current, Domain desired) {
        String alter = "ALTER DOMAIN " + quote(desired.name()) + " ";
        List<String> sql = new ArrayList<>();
        Set<Hazard> hazards = EnumSet.noneOf(Hazard.class);
        if (!Objects.equals(current.defaultExpression(), desired.defaultExpression())) {
            sql.add(alter + (desired.defaultExpression() == null ? "DROP DEFAULT"
                    : "SET DEFAULT " + desired.defaultExpression()));
        }
        if (current.notNull() != desired.notNull()) {
            sql.add(alter + (desired.notNull() ? "SET NOT NULL" : "DROP NOT NULL"));
            if (desired.notNull()) {
                hazards.add(Hazard.VALIDATION_SCAN);
            }
        }
        for (Constraint check : current.constraints()) {
            if (!desired.constraints().contains(check)) {
                sql.add(alter + "DROP CONSTRAINT " + quote(check.name()));
            }
        }
        for (Constraint check : desired.constraints()) {
            if (!current.constraints().contains(check)) {
                sql.add(alter + "ADD CONSTRAINT " + quote(check.name()) + " " + check.definition());
                hazards.add(Hazard.VALIDATION_SCAN);
            }
        }
        return new PlannedStatement(String.join(";\n", sql), "domain", desired.name().toString(), hazards, true);
    }
}
