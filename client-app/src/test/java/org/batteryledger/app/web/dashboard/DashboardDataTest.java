package org.batteryledger.app.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.batteryledger.app.readmodel.ReadModelQueries;
import org.batteryledger.app.security.AppUser;
import org.batteryledger.chaincode.participant.Role;
import org.batteryledger.chaincode.unit.Status;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Where dashboards get their figures: one class, with findings from every source bean. */
class DashboardDataTest {
    private static final Instant NOW = Instant.parse("2026-11-15T08:00:00Z");
    private static final AppUser REGULATOR = user(Role.REGULATOR, "REG-1");
    private static final AppUser AUTOMAKER = user(Role.AUTOMAKER, "AUTO-1");

    private final ReadModelQueries queries = new ReadModelQueries(memoryDb());

    private static AppUser user(Role role, String participant) {
        return new AppUser(role.name().toLowerCase(), "x", "name", participant, "Company " + participant, role, "MSP",
                "id", true);
    }

    private static JdbcDataSource memoryDb() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:dash-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    /** A source that finds one anomaly per user, as the compliance package's detector will. */
    private static final DashboardFindings ONE_EACH = new DashboardFindings() {
        @Override
        public List<Finding> anomalies(AppUser user) {
            return List.of(new Finding("CUSTODY_GAP", "CODE-" + user.participantId(), user.participantId(), "gap", NOW));
        }

        @Override
        public List<Finding> overdue(AppUser user) {
            return user.role().isAuthority() ? List.of() : List.of(new Finding("REPORT_OVERDUE", "Q3",
                    user.participantId(), "quarterly report", NOW));
        }
    };

    private DashboardData data(DashboardFindings... sources) {
        return new DashboardData(queries, List.of(sources), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void findings_of_every_source_reach_the_dashboard() {
        Dashboard d = data(ONE_EACH, ONE_EACH).forUser(AUTOMAKER);

        assertThat(d.anomalies()).hasSize(2).allSatisfy(f -> assertThat(f.participant()).isEqualTo("AUTO-1"));
        assertThat(d.overdue()).extracting(Finding::kind).containsExactly("REPORT_OVERDUE", "REPORT_OVERDUE");
    }

    @Test
    void without_sources_there_are_no_findings_and_every_status_is_counted() {
        Dashboard d = data().forUser(REGULATOR);

        assertThat(d.anomalies()).isEmpty();
        assertThat(d.byStatus()).containsOnlyKeys(Status.values());
        assertThat(d.total()).isZero();
    }

    @Test
    void authorities_see_everything_and_companies_what_they_answer_for() {
        assertThat(data().forUser(REGULATOR).scope()).isEqualTo("ALL");
        assertThat(data().forUser(AUTOMAKER).scope()).isEqualTo("RESPONSIBLE");
        assertThat(data().forUser(AUTOMAKER).byCompany()).isEmpty();
    }

    @Test
    void collections_are_counted_over_the_last_twelve_months_ending_this_month() {
        Dashboard d = data().forUser(REGULATOR);

        assertThat(d.collectedByMonth().keySet()).hasSize(12).startsWith(YearMonth.of(2025, 12))
                .endsWith(YearMonth.of(2026, 11));
    }
}
