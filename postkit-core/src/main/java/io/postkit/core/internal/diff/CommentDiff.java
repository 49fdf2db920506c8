package io.postkit.core.internal.diff;

import io.postkit.core.internal.model.CommentTarget;
import io.postkit.core.internal.model.SchemaModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Comments, compared by what they are on. A comment on an object the diff drops goes with the object; removing one
 * from an object that stays is {@code COMMENT … IS NULL}; a view that is recreated gets its comments again.
 */
final class CommentDiff {

    private CommentDiff() {
    }

    /** @param recreated what the diff drops and creates again (views, routines, triggers): comments go with it */
    static List<SchemaChange> between(SchemaModel current, SchemaModel desired, Predicate<CommentTarget> recreated) {
        List<SchemaChange> changes = new ArrayList<>();
        for (Map.Entry<CommentTarget, String> comment : desired.comments().entrySet()) {
            if (recreated.test(comment.getKey())
                    || !Objects.equals(current.comments().get(comment.getKey()), comment.getValue())) {
                changes.add(new SchemaChange.SetComment(comment.getKey(), comment.getValue()));
            }
        }
        for (CommentTarget target : current.comments().keySet()) {
            if (!desired.comments().containsKey(target) && desired.has(target)) {
                changes.add(new SchemaChange.SetComment(target, null));
            }
        }
        return changes;
    }
}
