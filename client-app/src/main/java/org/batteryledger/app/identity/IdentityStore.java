package org.batteryledger.app.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The identities the app acts with, kept as PEM files so that a restarted app has the same
 * certificates, hence the same ledger callers, and so an operator can read, back up or replace
 * them with ordinary tools. Layout under the data directory (the MSP-folder convention):
 *
 * <pre>
 * &lt;dataDir&gt;/msp/&lt;MSP&gt;/ca-cert.pem, ca-key.pem           the development CA of that MSP
 * &lt;dataDir&gt;/msp/&lt;MSP&gt;/users/&lt;user&gt;/cert.pem, key.pem  one user (issued here or imported)
 * </pre>
 *
 * Keys are written with permissions 600 where the file system allows. User names are unique
 * across MSPs, since the app signs users in by name. Users come from the {@link DevelopmentCa}
 * ({@link #issue}) or from elsewhere, e.g. a Fabric CA enrollment ({@link #importUser}). Thread-safe
 * within one process; two processes must not share a directory.
 */
public final class IdentityStore {
    static final String MSP_DIR = "msp";
    static final String CA_CERT = "ca-cert.pem";
    static final String CA_KEY = "ca-key.pem";
    static final String USERS_DIR = "users";
    static final String CERT = "cert.pem";
    static final String KEY = "key.pem";

    private final Path root;
    private final DevelopmentCa ca;
    private final TreeMap<String, LedgerUser> users = new TreeMap<>();

    /** Opens (and loads) the store under {@code dataDir}; nothing is created until something is written. */
    public IdentityStore(Path dataDir) {
        this(dataDir, Clock.systemUTC());
    }

    /** As {@link #IdentityStore(Path)}, issuing certificates valid from the clock's time. */
    public IdentityStore(Path dataDir, Clock clock) {
        this.root = dataDir.resolve(MSP_DIR);
        this.ca = new DevelopmentCa(clock);
        load();
    }

    /** {@code <dataDir>/msp}. */
    public Path directory() {
        return root;
    }

    /** The development CAs, as loaded from disk plus any created since. */
    public DevelopmentCa developmentCa() {
        return ca;
    }

    /**
     * Issues a user from the MSP's development CA (creating and saving the CA on first use) and
     * saves it.
     *
     * @throws IllegalStateException if a user of that name exists already
     * @see DevelopmentCa#issue(String, String, String, String)
     */
    public synchronized LedgerUser issue(String mspId, String userName, String participantId, String role) {
        requireAbsent(userName);
        boolean newCa = ca.find(mspId).isEmpty();
        DevelopmentCa.Authority authority = ca.authority(mspId);
        if (newCa) {
            Path dir = root.resolve(mspId);
            PemFiles.writePrivateKey(dir.resolve(CA_KEY), authority.privateKey());
            PemFiles.writeCertificate(dir.resolve(CA_CERT), authority.certificate());
        }
        LedgerUser user = ca.issue(mspId, userName, participantId, role);
        save(user);
        return user;
    }

    /**
     * The user of that name if it exists in that MSP, else a newly issued one: what a start-up
     * uses so that a restart keeps the identities it made the first time.
     *
     * @throws IllegalStateException if the name exists under another MSP
     */
    public synchronized LedgerUser issueIfAbsent(String mspId, String userName, String participantId, String role) {
        LedgerUser existing = users.get(userName);
        if (existing == null) {
            return issue(mspId, userName, participantId, role);
        }
        if (!existing.mspId().equals(mspId)) {
            throw new IllegalStateException("user " + userName + " exists in " + existing.mspId() + ", not " + mspId);
        }
        return existing;
    }

    /**
     * Saves an identity issued elsewhere (a Fabric CA enrollment: its signcert and keystore key).
     * The key must belong to the certificate.
     *
     * @throws InvalidPemException if either PEM is unreadable
     * @throws IllegalArgumentException if the key does not match the certificate, or a name is invalid
     * @throws IllegalStateException if a user of that name exists already
     */
    public synchronized LedgerUser importUser(String name, String mspId, String certPem, String keyPem) {
        LedgerUsers.requireUserName(name);
        LedgerUsers.requireMspId(mspId);
        requireAbsent(name);
        X509Certificate cert = PemFiles.parseCertificate(certPem, "certificate of " + name);
        PrivateKey key = PemFiles.parsePrivateKey(keyPem, "private key of " + name);
        LedgerUser user = LedgerUsers.of(name, mspId, cert, key);
        save(user);
        return user;
    }

    /**
     * The user of that name.
     *
     * @throws NoSuchElementException if there is none
     */
    public synchronized LedgerUser user(String name) {
        LedgerUser user = users.get(name);
        if (user == null) {
            throw new NoSuchElementException("no identity named '" + name + "' in " + root);
        }
        return user;
    }

    public synchronized Optional<LedgerUser> find(String name) {
        return Optional.ofNullable(users.get(name));
    }

    public synchronized boolean contains(String name) {
        return users.containsKey(name);
    }

    /** Every user, by name. */
    public synchronized List<LedgerUser> all() {
        return List.copyOf(users.values());
    }

    private void requireAbsent(String name) {
        LedgerUser existing = users.get(name);
        if (existing != null) {
            throw new IllegalStateException("an identity named '" + name + "' exists already (in "
                    + existing.mspId() + ")");
        }
    }

    private void save(LedgerUser user) {
        Path dir = userDir(user.mspId(), user.name());
        // Key first: a crash between the two leaves a key without a certificate, which load() skips.
        PemFiles.writePrivateKey(dir.resolve(KEY), user.privateKey());
        PemFiles.writeText(dir.resolve(CERT), user.certificatePem(), false);
        users.put(user.name(), user);
    }

    private Path userDir(String mspId, String name) {
        return root.resolve(mspId).resolve(USERS_DIR).resolve(name);
    }

    private void load() {
        if (!Files.isDirectory(root)) {
            return;
        }
        for (Path mspDir : children(root)) {
            String mspId = mspDir.getFileName().toString();
            if (mspId.startsWith(".")) {
                continue;
            }
            LedgerUsers.requireMspId(mspId);
            Path caCert = mspDir.resolve(CA_CERT);
            Path caKey = mspDir.resolve(CA_KEY);
            if (Files.exists(caCert) != Files.exists(caKey)) {
                throw new IllegalStateException("development CA of " + mspId + " is incomplete: " + mspDir
                        + " must hold both " + CA_CERT + " and " + CA_KEY);
            }
            if (Files.exists(caCert)) {
                try {
                    ca.add(new DevelopmentCa.Authority(mspId, PemFiles.readCertificate(caCert),
                            PemFiles.readPrivateKey(caKey)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("cannot load the development CA in " + mspDir + ": "
                            + e.getMessage(), e);
                }
            }
            Path usersDir = mspDir.resolve(USERS_DIR);
            if (!Files.isDirectory(usersDir)) {
                continue;
            }
            for (Path userDir : children(usersDir)) {
                String name = userDir.getFileName().toString();
                if (name.startsWith(".") || !Files.exists(userDir.resolve(CERT))) {
                    continue; // a half-written user (see save)
                }
                LedgerUser user;
                try {
                    user = LedgerUsers.of(name, mspId, PemFiles.readCertificate(userDir.resolve(CERT)),
                            PemFiles.readPrivateKey(userDir.resolve(KEY)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("cannot load identity " + name + " from " + userDir + ": "
                            + e.getMessage(), e);
                }
                LedgerUser clash = users.put(name, user);
                if (clash != null) {
                    throw new IllegalStateException("identity " + name + " exists in both " + clash.mspId() + " and "
                            + mspId + " under " + root);
                }
            }
        }
    }

    private static List<Path> children(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isDirectory)) {
            ds.forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        out.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return out;
    }
}
