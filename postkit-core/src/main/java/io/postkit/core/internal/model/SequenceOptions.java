package io.postkit.core.internal.model;

/** The parameters of a sequence, shared by stand-alone sequences and identity columns. */
public record SequenceOptions(String dataType, long start, long increment, long min, long max, long cache,
                              boolean cycle) {
}
