package io.postkit.core.internal.importing;

import java.util.Objects;

/**
 * The file of the schema directory that one imported object's statements go to, before it gets its numeric prefix.
 *
 * @param folder the folder by kind ({@code tables}, {@code views}, …, {@code infra}, {@code grants})
 * @param object the object's name as the file name shows it: {@code orders}, {@code billing.invoices},
 *               {@code orders.set_updated_at} for a trigger or policy
 */
record ObjectFile(String folder, String object) {

    ObjectFile {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(object, "object");
    }
}
