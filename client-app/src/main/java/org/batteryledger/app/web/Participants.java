package org.batteryledger.app.web;

import java.util.Map;
import java.util.stream.Collectors;
import org.batteryledger.app.readmodel.ReadModelQueries;
import org.batteryledger.chaincode.participant.Participant;
import org.springframework.stereotype.Component;

/** Company names for participant ids on pages (from the read model's copy of the registry). */
@Component
public class Participants {
    private final ReadModelQueries queries;

    public Participants(ReadModelQueries queries) {
        this.queries = queries;
    }

    /** Id → name of every registered participant. */
    public Map<String, String> names() {
        return queries.participants().stream().collect(Collectors.toMap(Participant::id, Participant::name,
                (a, b) -> a, java.util.TreeMap::new));
    }
}
