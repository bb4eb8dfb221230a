package org.batteryledger.app.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import org.batteryledger.app.compliance.calendar.WorkdayCalendar;
import org.batteryledger.app.compliance.calendar.WorkdayCalendar.CalendarFileException;
import org.batteryledger.app.compliance.calendar.WorkdayCalendar.OutsideCalendarException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-worked working-day sums against the State Council notices. */
class WorkdayCalendarTest {
    private final WorkdayCalendar cal = WorkdayCalendar.bundled();

    private static LocalDate d(int y, int m, int day) {
        return LocalDate.of(y, m, day);
    }

    @Test
    void aPlainWeekSkipsTheWeekend() {
        // Mon 2025-03-03 + 5 WD: Tue, Wed, Thu, Fri, next Mon
        assertThat(cal.addWorkingDays(d(2025, 3, 3), 5)).isEqualTo(d(2025, 3, 10));
    }

    @Test
    void fifteenWorkingDaysAcrossSpringFestival2026CountTheMakeUpSaturdays() {
        // Thu 2026-02-12 + 15 WD. Working: Fri 2-13 (1), Sat 2-14 make-up (2); 2-15..2-23 holiday;
        // Tue 2-24..Fri 2-27 (3..6), Sat 2-28 make-up (7); Mon 3-2..Fri 3-6 (8..12); Mon 3-9..Wed 3-11 (13..15).
        assertThat(cal.addWorkingDays(d(2026, 2, 12), 15)).isEqualTo(d(2026, 3, 11));
        assertThat(cal.isWorkingDay(d(2026, 2, 14))).isTrue();
        assertThat(cal.isWorkingDay(d(2026, 2, 28))).isTrue();
        assertThat(cal.isWorkingDay(d(2026, 2, 23))).isFalse(); // a Monday inside the holiday
    }

    @Test
    void anEventOnAHolidayStartsCountingAtTheFirstWorkingDayAfter() {
        // 2026-02-16 (holiday) + 1 WD = Tue 2026-02-24
        assertThat(cal.addWorkingDays(d(2026, 2, 16), 1)).isEqualTo(d(2026, 2, 24));
    }

    @Test
    void thirtyWorkingDaysAcrossSpringFestival2024() {
        // Fri 2024-02-02 + 30 WD. Sun 2-4 make-up (1); Mon 2-5..Fri 2-9 (2..6); 2-10..2-17 holiday;
        // Sun 2-18 make-up (7); Mon 2-19..Fri 2-23 (8..12); 2-26..3-1 (13..17); 3-4..3-8 (18..22);
        // 3-11..3-15 (23..27); Mon 3-18 (28), Tue 3-19 (29), Wed 3-20 (30).
        assertThat(cal.addWorkingDays(d(2024, 2, 2), 30)).isEqualTo(d(2024, 3, 20));
    }

    @Test
    void theExtendedSpringFestival2020CancelledTheFebruaryFirstMakeUpDay() {
        assertThat(cal.isWorkingDay(d(2020, 2, 1))).isFalse();
        assertThat(cal.isWorkingDay(d(2020, 1, 31))).isFalse();
        assertThat(cal.isWorkingDay(d(2020, 1, 19))).isTrue();
    }

    @Test
    void nationalDayWeekAndItsMakeUpDays2025() {
        // Fri 2025-09-26 + 3 WD: Sun 9-28 make-up (1), Mon 9-29 (2), Tue 9-30 (3)
        assertThat(cal.addWorkingDays(d(2025, 9, 26), 3)).isEqualTo(d(2025, 9, 30));
        // Tue 2025-09-30 + 2 WD: 10-1..10-8 holiday; Thu 10-9 (1), Fri 10-10 (2)
        assertThat(cal.addWorkingDays(d(2025, 9, 30), 2)).isEqualTo(d(2025, 10, 10));
        assertThat(cal.isWorkingDay(d(2025, 10, 11))).isTrue();
    }

    @Test
    void everyYearHasBetween246And252WorkingDays() {
        for (int y = 2018; y <= 2026; y++) {
            int n = 0;
            for (LocalDate x = d(y, 1, 1); x.getYear() == y; x = x.plusDays(1)) {
                n += cal.isWorkingDay(x) ? 1 : 0;
            }
            assertThat(n).as("working days in %d", y).isBetween(242, 252);
        }
    }

    @Test
    void twentyTwentySevenIsMarkedProvisional() {
        assertThat(cal.provisionalYears()).containsExactly(2027);
        assertThat(cal.isProvisional(d(2027, 2, 8))).isTrue();
        assertThat(cal.isProvisional(d(2026, 2, 8))).isFalse();
    }

    @Test
    void datesOutsideTheCoveredYearsAreRefused() {
        assertThatThrownBy(() -> cal.addWorkingDays(d(2028, 1, 3), 1)).isInstanceOf(OutsideCalendarException.class)
                .hasMessageContaining("2018..2027");
        assertThatThrownBy(() -> cal.addWorkingDays(d(2027, 12, 30), 5)).isInstanceOf(OutsideCalendarException.class);
    }

    @Test
    void anOverrideFileReplacesTheBundledDays(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("cal.csv");
        Files.writeString(f, "#! covers 2028..2028\ndate,kind,note\n2028-01-03,HOLIDAY,test\n2028-01-08,MAKEUP_WORKDAY,x\n");
        WorkdayCalendar c = WorkdayCalendar.load(f);
        // Fri 2027? no: Sat 2028-01-01 + 1 WD: Mon 1-3 is a holiday, Tue 1-4
        assertThat(c.addWorkingDays(d(2028, 1, 1), 1)).isEqualTo(d(2028, 1, 4));
        assertThat(c.isWorkingDay(d(2028, 1, 8))).isTrue();
        assertThat(d(2028, 1, 8).getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
    }

    private static WorkdayCalendar parse(String text) throws IOException {
        return WorkdayCalendar.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.csv");
    }

    @Test
    void aMakeUpDayOnAWeekdayIsRefusedWithItsLine() {
        assertThatThrownBy(() -> parse("#! covers 2026..2026\ndate,kind,note\n2026-02-16,MAKEUP_WORKDAY,x\n"))
                .isInstanceOf(CalendarFileException.class)
                .hasMessage("test.csv line 3: MAKEUP_WORKDAY 2026-02-16 is a MONDAY; only a Saturday or Sunday can be"
                        + " a make-up working day");
    }

    @Test
    void aBadKindADuplicateAndAMissingCoversAreRefusedWithTheirLine() {
        assertThatThrownBy(() -> parse("#! covers 2026..2026\ndate,kind,note\n2026-02-16,DAY_OFF\n"))
                .hasMessage("test.csv line 3: kind 'DAY_OFF' must be HOLIDAY or MAKEUP_WORKDAY");
        assertThatThrownBy(() -> parse("#! covers 2026..2026\ndate,kind\n2026-02-16,HOLIDAY\n\n2026-02-16,HOLIDAY\n"))
                .hasMessage("test.csv line 5: date 2026-02-16 is listed twice (first on line 3)");
        assertThatThrownBy(() -> parse("date,kind\n2026-02-16,HOLIDAY\n"))
                .hasMessageContaining("'#! covers FROM..TO' is missing");
        assertThatThrownBy(() -> parse("#! covers 2026..2026\ndate,kind\n2026-13-01,HOLIDAY\n"))
                .hasMessage("test.csv line 3: date '2026-13-01' is not an ISO date (yyyy-MM-dd)");
    }
}
