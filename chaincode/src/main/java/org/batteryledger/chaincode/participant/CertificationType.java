package org.batteryledger.chaincode.participant;

import java.util.EnumSet;
import java.util.Set;

/** The certifications the lifecycle rules ask for (domain.md §3.5, §2, §3.3). */
public enum CertificationType {
    /** 《新能源汽车废旧动力电池综合利用行业规范条件》 white-list entry (cascade use and recycling). */
    WHITELIST,
    /** 危险废物经营许可证 hazardous-waste operating licence (GB/T 33598-2017). */
    HAZARDOUS_WASTE_LICENCE,
    /** 回收服务网点 filing with the national traceability platform (溯源规定 Art. 7, 附表4). */
    COLLECTION_POINT_FILING;

    /**
     * The certifications a company must hold, valid at the transaction's time, to receive
     * batteries in the given role. Roles not listed need none.
     */
    public static Set<CertificationType> requiredFor(Role role) {
        return switch (role) {
            case RECYCLER -> EnumSet.of(WHITELIST, HAZARDOUS_WASTE_LICENCE);
            case CASCADE_OPERATOR -> EnumSet.of(WHITELIST);
            case COLLECTION_POINT -> EnumSet.of(COLLECTION_POINT_FILING);
            default -> EnumSet.noneOf(CertificationType.class);
        };
    }
}
