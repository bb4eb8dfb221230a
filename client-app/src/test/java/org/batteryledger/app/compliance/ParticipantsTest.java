package org.batteryledger.app.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.batteryledger.app.outbox.TestDb;
import org.batteryledger.app.ledger.TestkitLedger;
import org.batteryledger.app.readmodel.ReadModelProjector;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.participant.Certification;
import org.batteryledger.chaincode.participant.CertificationType;
import org.batteryledger.chaincode.participant.Participant;
import org.batteryledger.chaincode.participant.ParticipantStatus;
import org.batteryledger.chaincode.participant.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may receive an end-of-life battery on a given day (domain.md §6.4 destination eligibility). */
class ParticipantsTest {
    @TempDir
    Path dir;

    @Test
    void aRecyclerIsCertifiedOnlyWhileBothCertificationsAreValid() throws Exception {
        try (TestDb db = new TestDb(dir, "p")) {
            new ReadModelProjector(db.dataSource(), new TestkitLedger());
            Participant recycler = new Participant("R1", "Recycler", List.of(Role.RECYCLER), "RMSP", List.of(),
                    List.of(new Certification(CertificationType.WHITELIST, "W", "MIIT", LocalDate.of(2024, 1, 1),
                            LocalDate.of(2026, 6, 30)), new Certification(CertificationType.HAZARDOUS_WASTE_LICENCE,
                                    "H", "MEE", LocalDate.of(2024, 1, 1), LocalDate.of(2028, 1, 1))),
                    ParticipantStatus.ACTIVE, null, null, null);
            db.jdbc().update("INSERT INTO rm_participant (id, name, roles, msp_id, status, participant_json)"
                    + " VALUES ('R1', 'Recycler', 'RECYCLER', 'RMSP', 'ACTIVE', ?)", Json.string(recycler));
            Participants p = Participants.load(db.jdbc());

            assertThat(p.uncertifiedReason("R1", "RECYCLER", LocalDate.of(2026, 6, 30))).isEmpty();
            assertThat(p.uncertifiedReason("R1", "RECYCLER", LocalDate.of(2026, 7, 1)))
                    .hasValue("lacks [WHITELIST] valid on 2026-07-01");
            assertThat(p.uncertifiedReason("R1", "REPAIRER", LocalDate.of(2026, 1, 1)))
                    .hasValue("role REPAIRER may not receive end-of-life batteries");
            assertThat(p.uncertifiedReason("nobody", "RECYCLER", LocalDate.of(2026, 1, 1)))
                    .hasValue("not in the participant registry");
        }
    }
}
