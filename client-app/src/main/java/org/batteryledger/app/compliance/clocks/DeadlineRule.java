package org.batteryledger.app.compliance.clocks;

import java.util.Set;
import org.batteryledger.app.compliance.Evidence;
import org.batteryledger.chaincode.access.Action;
import org.batteryledger.chaincode.participant.Role;

/**
 * One upload deadline of the 溯源管理暂行规定 (domain.md §3.2, §6.6): when a company in one of
 * {@code roles} records {@code action}, the record is due within {@code workingDays} China working
 * days of the trigger (the event's occurrence time).
 *
 * @param trigger the trigger as the regulation names it
 * @param basis the article
 */
public record DeadlineRule(Action action, Set<Role> roles, int workingDays, String trigger, String basis,
        Evidence evidence) {

    public DeadlineRule {
        roles = Set.copyOf(roles);
    }
}
