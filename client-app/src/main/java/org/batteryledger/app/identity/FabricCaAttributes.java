package org.batteryledger.app.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.asn1.ASN1OctetString;

/**
 * The attribute extension Fabric CA writes into enrollment certificates (OID
 * {@value #OID}, non-critical, the raw UTF-8 JSON {@code {"attrs":{...}}} as the extension value,
 * no inner ASN.1). The chaincode reads {@code participant} and {@code role} from it through the
 * shim's {@code ClientIdentity}; the development CA writes it the same way so the embedded ledger
 * sees callers exactly as a Fabric network would, and the app can show what an imported Fabric CA
 * certificate claims.
 */
public final class FabricCaAttributes {
    /** The extension OID Fabric CA uses for attributes. */
    public static final String OID = "1.2.3.4.5.6.7.8.1";
    /** Added by Fabric CA to every enrollment certificate. */
    public static final String ENROLLMENT_ID = "hf.EnrollmentID";
    public static final String TYPE = "hf.Type";
    public static final String AFFILIATION = "hf.Affiliation";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private FabricCaAttributes() {}

    /** The extension value: {@code {"attrs":{...}}} with keys sorted, as Fabric CA writes it. */
    public static String json(Map<String, String> attributes) {
        try {
            return JSON.writeValueAsString(Map.of("attrs", new TreeMap<>(attributes)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string map always serializes", e);
        }
    }

    /** The attributes a certificate carries, sorted by name; empty when it has no such extension (cryptogen). */
    public static Map<String, String> read(X509Certificate certificate) {
        byte[] wrapped = certificate.getExtensionValue(OID);
        if (wrapped == null) {
            return Map.of();
        }
        try {
            byte[] raw = ASN1OctetString.getInstance(wrapped).getOctets();
            Map<String, Map<String, String>> parsed = JSON.readValue(new String(raw, StandardCharsets.UTF_8),
                    new TypeReference<Map<String, Map<String, String>>>() {});
            Map<String, String> attrs = parsed.get("attrs");
            return attrs == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(attrs));
        } catch (Exception e) {
            throw new IllegalArgumentException("certificate " + certificate.getSubjectX500Principal().getName()
                    + " has an unreadable Fabric CA attribute extension (" + OID + "): " + e.getMessage(), e);
        }
    }
}
