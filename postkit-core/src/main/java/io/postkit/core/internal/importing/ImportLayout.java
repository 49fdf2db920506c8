package io.postkit.core.internal.importing;

import io.postkit.core.internal.diff.SchemaChange;
import io.postkit.core.internal.model.CommentTarget;
import io.postkit.core.internal.model.Constraint;
import io.postkit.core.internal.model.ConstraintType;
import io.postkit.core.internal.model.Index;
import io.postkit.core.internal.model.Owner;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.Routine;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.model.Sequence;
import io.postkit.core.internal.model.Table;
import io.postkit.core.internal.model.View;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Where {@code import} puts each statement that builds a database's managed schemas from empty: one file per object,
 * in a folder by kind. A table's file holds its serial sequences, the table, its keys, checks, indexes, foreign keys,
 * row level security switch and comments; a materialized view's file its indexes. Schemas (with their comments and
 * owners) are infrastructure; privileges and default privileges go to {@code grants/}, one file per kind of object.
 */
final class ImportLayout {

    static final String INFRA = "infra";
    static final String GRANTS = "grants";
    static final String TABLES = "tables";
    static final String SEQUENCES = "sequences";
    static final String TYPES = "types";
    static final String DOMAINS = "domains";
    static final String VIEWS = "views";
    static final String MATERIALIZED_VIEWS = "materialized_views";
    static final String FUNCTIONS = "functions";
    static final String PROCEDURES = "procedures";
    static final String TRIGGERS = "triggers";
    static final String POLICIES = "rls";

    /** The files of {@code infra/}: roles first (schemas may belong to them), extensions last (they need schemas). */
    static final ObjectFile ROLES = new ObjectFile(INFRA, "roles");
    static final ObjectFile SCHEMAS = new ObjectFile(INFRA, "schemas");
    static final ObjectFile EXTENSIONS = new ObjectFile(INFRA, "extensions");

    /**
     * The files of {@code infra/} and {@code grants/}, in the order they run. Each has a fixed number within its
     * folder, whichever others are there: {@code infra/0002_schemas.sql} is always the schemas.
     */
    static final List<ObjectFile> FIXED_ORDER = List.of(ROLES, SCHEMAS, EXTENSIONS, new ObjectFile(GRANTS, "schemas"),
            new ObjectFile(GRANTS, "types"), new ObjectFile(GRANTS, "sequences"), new ObjectFile(GRANTS, "tables"),
            new ObjectFile(GRANTS, "functions"), new ObjectFile(GRANTS, "default_privileges"));

    private static final String PUBLIC = "public";

    /** A file of {@code infra/} or {@code grants/}: its number within its folder, from 1. */
    static OptionalInt fixedNumber(ObjectFile file) {
        List<ObjectFile> folder = FIXED_ORDER.stream().filter(f -> f.folder().equals(file.folder())).toList();
        int index = folder.indexOf(file);
        return index < 0 ? OptionalInt.empty() : OptionalInt.of(index + 1);
    }

    private final SchemaModel model;
    /** (schema, index name) to the file of its table or materialized view: comments on indexes go there. */
    private final Map<QualifiedName, ObjectFile> indexFiles = new TreeMap<>();

    ImportLayout(SchemaModel model) {
        this.model = model;
        for (Table table : model.tables().values()) {
            ObjectFile file = table(table.name());
            table.indexes().forEach(i -> indexFiles.put(QualifiedName.of(table.name().schema(), i.name()), file));
            for (Constraint c : table.constraints()) {
                if (c.type() == ConstraintType.PRIMARY_KEY || c.type() == ConstraintType.UNIQUE
                        || c.type() == ConstraintType.EXCLUDE) {
                    indexFiles.put(QualifiedName.of(table.name().schema(), c.name()), file);
                }
            }
        }
        for (View view : model.views().values()) {
            for (Index index : view.indexes()) {
                indexFiles.put(QualifiedName.of(view.name().schema(), index.name()), view(view.name()));
            }
        }
    }

    /** The file {@code change}'s statement belongs to. Only changes that create things occur in an import. */
    ObjectFile fileOf(SchemaChange change) {
        if (change instanceof SchemaChange.CreateSchema) {
            return SCHEMAS;
        } else if (change instanceof SchemaChange.CreateTable c) {
            return table(c.table().name());
        } else if (change instanceof SchemaChange.AddConstraint c) {
            return table(c.table());
        } else if (change instanceof SchemaChange.CreateIndex c) {
            return table(c.table());
        } else if (change instanceof SchemaChange.SetRowSecurity c) {
            return table(c.table());
        } else if (change instanceof SchemaChange.SetStorageParameters c) {
            return table(c.table());
        } else if (change instanceof SchemaChange.SetPersistence c) {
            return table(c.table());
        } else if (change instanceof SchemaChange.CreateSequence c) {
            return sequence(c.sequence().name());
        } else if (change instanceof SchemaChange.SetSequenceOwner c) {
            return sequence(c.sequence().name());
        } else if (change instanceof SchemaChange.CreateView c) {
            return view(c.view().name());
        } else if (change instanceof SchemaChange.CreateRoutine c) {
            return routine(c.routine());
        } else if (change instanceof SchemaChange.CreateTrigger c) {
            return new ObjectFile(TRIGGERS, display(c.trigger().table()) + "." + c.trigger().name());
        } else if (change instanceof SchemaChange.CreatePolicy c) {
            return new ObjectFile(POLICIES, display(c.policy().table()) + "." + c.policy().name());
        } else if (change instanceof SchemaChange.CreateEnum c) {
            return new ObjectFile(TYPES, display(c.type().name()));
        } else if (change instanceof SchemaChange.CreateComposite c) {
            return new ObjectFile(TYPES, display(c.type().name()));
        } else if (change instanceof SchemaChange.CreateRange c) {
            return new ObjectFile(TYPES, display(c.type().name()));
        } else if (change instanceof SchemaChange.CreateDomain c) {
            return new ObjectFile(DOMAINS, display(c.domain().name()));
        } else if (change instanceof SchemaChange.GrantPrivilege c) {
            return grants(c.grant().kind());
        } else if (change instanceof SchemaChange.RevokePrivilege c) {
            return grants(c.grant().kind());
        } else if (change instanceof SchemaChange.AlterDefaultPrivilege) {
            return new ObjectFile(GRANTS, "default_privileges");
        } else if (change instanceof SchemaChange.SetOwner c) {
            return owned(c.owner());
        } else if (change instanceof SchemaChange.SetComment c) {
            return commented(c.target());
        }
        throw new IllegalStateException("import has no place for " + change);
    }

    /** Whether {@code change} is about a schema itself (creating, dropping, commenting, owning): infra's part. */
    static boolean isInfra(SchemaChange change) {
        return change instanceof SchemaChange.CreateSchema || change instanceof SchemaChange.DropSchema
                || change instanceof SchemaChange.SetComment c && c.target().kind() == CommentTarget.Kind.SCHEMA
                || change instanceof SchemaChange.SetOwner o && o.owner().kind().equals("SCHEMA");
    }

    /**
     * Whether {@code change} creates the object its file is named after: files are numbered in the order these
     * come in a plan from empty, which is dependency order.
     */
    boolean defines(SchemaChange change) {
        if (change instanceof SchemaChange.CreateSequence c) {
            return sequence(c.sequence().name()).folder().equals(SEQUENCES);
        }
        return change instanceof SchemaChange.CreateTable || change instanceof SchemaChange.CreateView
                || change instanceof SchemaChange.CreateRoutine || change instanceof SchemaChange.CreateTrigger
                || change instanceof SchemaChange.CreatePolicy || change instanceof SchemaChange.CreateEnum
                || change instanceof SchemaChange.CreateComposite || change instanceof SchemaChange.CreateRange
                || change instanceof SchemaChange.CreateDomain;
    }

    private ObjectFile table(QualifiedName name) {
        return new ObjectFile(TABLES, display(name));
    }

    private ObjectFile view(QualifiedName name) {
        View view = model.views().get(name);
        return new ObjectFile(view != null && view.materialized() ? MATERIALIZED_VIEWS : VIEWS, display(name));
    }

    /** A serial column's sequence is part of its table; other sequences have files of their own. */
    private ObjectFile sequence(QualifiedName name) {
        Sequence sequence = model.sequences().get(name);
        if (sequence != null && sequence.ownedBy() != null && model.tables().containsKey(sequence.ownedBy().table())) {
            return table(sequence.ownedBy().table());
        }
        return new ObjectFile(SEQUENCES, display(name));
    }

    private static ObjectFile routine(Routine routine) {
        return new ObjectFile(routine.kind() == Routine.Kind.PROCEDURE ? PROCEDURES : FUNCTIONS,
                display(routine.name()));
    }

    private ObjectFile routine(QualifiedName name, String arguments) {
        Routine routine = model.routines().get(QualifiedName.of(name.schema(), name.name() + "(" + arguments + ")"));
        return routine != null ? routine(routine) : new ObjectFile(FUNCTIONS, display(name));
    }

    private ObjectFile type(QualifiedName name) {
        return new ObjectFile(model.domains().containsKey(name) ? DOMAINS : TYPES, display(name));
    }

    private static ObjectFile grants(String kind) {
        return new ObjectFile(GRANTS, switch (kind) {
            case "TABLE", "COLUMN" -> "tables";
            case "SEQUENCE" -> "sequences";
            case "ROUTINE" -> "functions";
            case "SCHEMA" -> "schemas";
            case "TYPE" -> "types";
            default -> throw new IllegalStateException("import has no place for privileges on a " + kind);
        });
    }

    private ObjectFile owned(Owner owner) {
        return switch (owner.kind()) {
            case "SCHEMA" -> SCHEMAS;
            case "TABLE" -> table(owner.object());
            case "VIEW", "MATERIALIZED VIEW" -> view(owner.object());
            case "SEQUENCE" -> sequence(owner.object());
            case "FUNCTION", "PROCEDURE", "AGGREGATE" -> routine(owner.object(), owner.member());
            case "TYPE", "DOMAIN" -> type(owner.object());
            default -> throw new IllegalStateException("import has no place for the owner of a " + owner.kind());
        };
    }

    private ObjectFile commented(CommentTarget target) {
        QualifiedName object = target.object();
        return switch (target.kind()) {
            case SCHEMA -> SCHEMAS;
            case TABLE, CONSTRAINT -> table(object);
            case VIEW, MATERIALIZED_VIEW -> view(object);
            case COLUMN -> model.tables().containsKey(object) ? table(object) : view(object);
            case INDEX -> {
                ObjectFile file = indexFiles.get(object);
                if (file == null) {
                    throw new IllegalStateException("import finds no table for the comment on index " + object);
                }
                yield file;
            }
            case SEQUENCE -> sequence(object);
            case ROUTINE -> routine(object, target.member());
            case TRIGGER -> new ObjectFile(TRIGGERS, display(object) + "." + target.member());
            case TYPE -> type(object);
        };
    }

    /** Objects of the public schema go by their name alone; others by schema and name. */
    private static String display(QualifiedName name) {
        return name.schema().equals(PUBLIC) ? name.name() : name.schema() + "." + name.name();
    }
}
