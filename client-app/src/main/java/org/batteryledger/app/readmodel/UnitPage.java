package org.batteryledger.app.readmodel;

import java.util.List;
import org.springframework.lang.Nullable;

/**
 * One page of a unit search, in code order. Keyset paging: pass {@code next} back as
 * {@code after} for the following page; null on the last page. Stable while units change, and
 * as fast on page 1,000 as on page 1.
 */
public record UnitPage(List<UnitSummary> items, @Nullable String next) {
    public UnitPage {
        items = List.copyOf(items);
    }
}
