package org.batteryledger.chaincode.query;

import java.util.List;

/**
 * One page of a listing. {@code bookmark} is where the next page starts; empty when this page
 * is the last.
 */
public record Page<T>(List<T> items, String bookmark, int count) {
    public Page {
        items = List.copyOf(items);
        bookmark = bookmark == null ? "" : bookmark;
    }
}
