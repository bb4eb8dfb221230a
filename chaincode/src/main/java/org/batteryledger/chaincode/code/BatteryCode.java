package org.batteryledger.chaincode.code;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.LocalDate;

/**
 * A GB/T 34014-2017 traction-battery code that passed every format rule, with its fields
 * decoded (§4.2, §4.3; domain.md §1.3, §1.6, §6.4). Obtain one from {@link BatteryCodeParser}
 * or {@link BatteryCodes}; the canonical constructor does not re-validate.
 *
 * <p>Standard form, positions: manufacturer 1–3, level 4, battery type 5, specification 6–7,
 * traceability 8–14, date 15–17, serial 18–24. Cascade-use form: the same design information
 * 1–7, date 8–10, serial 11–17, {@code R} at 18 and a level at 19.
 *
 * @param value the code as given (upper case, no whitespace)
 * @param form standard (24 characters) or cascade-use (19)
 * @param manufacturer 厂商代码, positions 1–3, assigned through the filing system (§1.8)
 * @param level 产品类型代码, position 4
 * @param batteryType 电池类型代码, position 5
 * @param specification 规格代码, positions 6–7, manufacturer-filed
 * @param traceability 追溯信息代码, positions 8–14; {@code null} in the cascade-use form, which
 *     has none (§4.2: "无扩展结构1的追溯信息代码")
 * @param productionDate decoded 生产日期代码
 * @param serial 序列号, seven digits, sequence within the production day
 * @param cascadeSuffix the level letter after {@code R} in the cascade-use form (its meaning
 *     is unconfirmed, domain.md §1.6); {@code null} in the standard form
 */
public record BatteryCode(
        String value,
        CodeForm form,
        String manufacturer,
        Level level,
        BatteryType batteryType,
        String specification,
        String traceability,
        LocalDate productionDate,
        String serial,
        Level cascadeSuffix) {

    /** Whether this is the 19-character cascade-use (梯级利用) re-code. */
    @JsonIgnore // derived from form; serialising it would add a property no reader expects
    public boolean isCascade() {
        return form == CodeForm.CASCADE;
    }

    @Override
    public String toString() {
        return value;
    }
}
