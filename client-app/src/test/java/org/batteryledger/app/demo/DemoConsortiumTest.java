package org.batteryledger.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.batteryledger.app.identity.IdentityStore;
import org.batteryledger.app.identity.LedgerUser;
import org.batteryledger.app.identity.LedgerUsers;
import org.batteryledger.chaincode.participant.CertificationType;
import org.batteryledger.chaincode.participant.Role;
import org.batteryledger.chaincode.participant.Uscc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoConsortiumTest {
    @TempDir
    Path dataDir;

    @Test
    void companies_are_valid_and_distinct_and_certified_as_their_role_requires() {
        assertThat(DemoConsortium.companies()).hasSize(10);
        assertThat(DemoConsortium.regulator().role()).isEqualTo(Role.REGULATOR);
        for (DemoCompany c : DemoConsortium.companies()) {
            assertThat(Uscc.problem(c.id())).as(c.name()).isEmpty();
            Set<CertificationType> held = c.registryEntry().certifications().stream()
                    .map(cert -> cert.type()).collect(Collectors.toSet());
            assertThat(held).as(c.name()).isEqualTo(CertificationType.requiredFor(c.role()));
        }
        assertThat(DemoConsortium.companies().stream().map(DemoCompany::mspId).distinct()).hasSize(10);
        assertThat(DemoConsortium.companies().stream().map(DemoCompany::id).distinct()).hasSize(10);
        assertThat(DemoConsortium.users()).extracting(DemoUser::username).containsExactly("regulator", "maker",
                "maker2", "automaker", "repairer", "swap", "collector", "dismantler", "secondlife", "recycler");
        assertThat(DemoConsortium.companies().stream().filter(c -> c.role() == Role.BATTERY_MAKER)).hasSize(2);
    }

    @Test
    void identities_are_issued_once_and_kept_across_restarts() {
        Map<String, LedgerUser> first = DemoConsortium.ensureIdentities(new IdentityStore(dataDir));
        Map<String, LedgerUser> again = DemoConsortium.ensureIdentities(new IdentityStore(dataDir));

        assertThat(again.keySet()).containsExactlyElementsOf(first.keySet());
        for (DemoUser u : DemoConsortium.users()) {
            assertThat(again.get(u.username()).serialized()).isEqualTo(first.get(u.username()).serialized());
            assertThat(LedgerUsers.attributes(first.get(u.username())))
                    .containsEntry("participant", u.companyId())
                    .containsEntry("role", u.role().name())
                    .containsEntry("hf.EnrollmentID", u.username());
            assertThat(first.get(u.username()).mspId()).isEqualTo(u.mspId());
        }
    }
}
