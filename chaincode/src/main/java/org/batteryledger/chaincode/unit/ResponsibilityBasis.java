package org.batteryledger.chaincode.unit;

/** Why a party answers for a unit under extended producer responsibility. */
public enum ResponsibilityBasis {
    /** Before installation the battery maker answers for its codes and data (2018 办法; 2026 办法 Art. 11). */
    BATTERY_MAKER,
    /** Once installed the automaker bears primary responsibility (2018 办法: 汽车生产企业承担主体责任). */
    AUTOMAKER,
    /** After repurposing, the operator placing the successor on the market (EU 2023/1542 Art. 77; 2021 梯次利用管理办法). */
    REPURPOSER
}
