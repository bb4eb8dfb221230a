package org.batteryledger.app.compliance;

import javax.sql.DataSource;
import org.batteryledger.app.compliance.calendar.WorkdayCalendar;
import org.batteryledger.app.readmodel.ReadModelProjector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the compliance reports. The working-day calendar is the file named by
 * {@code battery.compliance.calendar-file} when set, else the bundled one; a bad file stops the
 * start with its line and rule, rather than computing deadlines on wrong days.
 */
@Configuration(proxyBeanMethods = false)
class ComplianceConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(ComplianceConfiguration.class);

    @Bean
    WorkdayCalendar workdayCalendar(ComplianceSettings settings) {
        WorkdayCalendar c = settings.calendarFile() == null ? WorkdayCalendar.bundled()
                : WorkdayCalendar.load(settings.calendarFile());
        LOG.info("compliance: working-day calendar {} covers {}..{}, provisional {}", c.source(), c.firstYear(),
                c.lastYear(), c.provisionalYears());
        return c;
    }

    /** Depends on the projector so that the read-model tables exist first. */
    @Bean
    ComplianceReports complianceReports(DataSource dataSource, WorkdayCalendar calendar, ComplianceSettings settings,
            ReadModelProjector projector) {
        return new ComplianceReports(dataSource, calendar, settings);
    }
}
