package org.batteryledger.chaincode.recycledcontent;

import java.util.Optional;

/**
 * The materials whose recycled content EU 2023/1542 Art. 8 documents (domain.md §4.6): cobalt,
 * lithium and nickel as shares of the active materials, lead as a share of the battery. Copper
 * is not covered by Art. 8, so it is not here (unlike {@code recycling.Element}).
 */
public enum Material {
    CO,
    LI,
    NI,
    PB;

    /** The material of a request key, if Art. 8 covers it. */
    public static Optional<Material> of(String key) {
        for (Material m : values()) {
            if (m.name().equals(key)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
