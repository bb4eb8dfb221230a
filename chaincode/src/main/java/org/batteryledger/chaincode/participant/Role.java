package org.batteryledger.chaincode.participant;

/**
 * What a company does in the battery chain (domain.md §6.1 orgType, merged where the rules do
 * not tell them apart: cell and pack makers are both {@link #BATTERY_MAKER}). A caller acts in
 * exactly one role, named in its certificate, and the role must be one the registry gives its
 * company.
 */
public enum Role {
    /** 电池生产企业: registers packs, modules and cells under its own GB/T 34014 prefixes. */
    BATTERY_MAKER,
    /** 汽车生产企业: binds packs to VINs, sells vehicles; bears EPR (2018 办法). */
    AUTOMAKER,
    /** Importer: same duties as an automaker for imported vehicles (溯源规定 Art. 9). */
    IMPORTER,
    /** Repairs and replaces packs (溯源规定 Arts 10, 12). */
    REPAIRER,
    /** Battery swap operator (2026 办法). */
    SWAP_OPERATOR,
    /** 回收服务网点: collects, sorts, stores; never dismantles (指南 2019). */
    COLLECTION_POINT,
    /** 报废机动车回收拆解企业: scraps vehicles, removes packs (溯源规定 Art. 13). */
    DISMANTLER,
    /** 梯次利用企业: tests, repurposes, re-codes (溯源规定 Art. 14; 2021 梯次利用管理办法). */
    CASCADE_OPERATOR,
    /** 再生利用企业: receives waste batteries, recovers materials (溯源规定 Art. 15). */
    RECYCLER,
    /** Keeps the participant registry; reads everything; writes no lifecycle events. */
    REGULATOR,
    /** EU market-surveillance authority: authority tier (EU 2023/1542 Art. 77(2)(b)). */
    MARKET_SURVEILLANCE,
    /** EU notified body: authority tier (EU 2023/1542 Art. 77(2)(b)). */
    NOTIFIED_BODY;

    public boolean isAuthority() {
        return this == REGULATOR || this == MARKET_SURVEILLANCE || this == NOTIFIED_BODY;
    }
}
